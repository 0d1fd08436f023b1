using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Security;
using RiskFunctions.Functions.Security.Clients;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Clients;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Admin.Tests;

/// <summary>
/// The client and key commands against the shared Azurite, checked against what the token endpoint reads: the
/// stored client and its secret's hash.
/// </summary>
public sealed class SecurityCommandsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private Dictionary<string, string?> Settings => new()
    {
        ["Storage:ConnectionString"] = azurite.ConnectionString,
        ["Storage:TablePrefix"] = azurite.TablePrefix,
        // Low iterations keep tests fast; the cost model is the token endpoint's to test.
        ["Security:ClientSecrets:Iterations"] = "1000",
    };

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task Bootstrap_NewClient_PrintsCredentialsThatTheTokenEndpointAccepts()
    {
        var tenant = TestTenant.Create().Id;

        var (exitCode, output, _) = await RunAsync(Settings, "bootstrap", "--tenant", tenant, "--client", "demo", "--json");

        Assert.Equal(0, exitCode);
        using var credentials = JsonDocument.Parse(output);
        Assert.Equal(tenant + ".demo", credentials.RootElement.GetProperty("client_id").GetString());
        Assert.Equal(TestTokens.Audience, credentials.RootElement.GetProperty("resource").GetString());
        var stored = await StoredClientAsync(tenant, "demo");
        Assert.True(Hasher().Verify(credentials.RootElement.GetProperty("client_secret").GetString()!, stored!.SecretHash));
        Assert.Equal(RiskScopes.Default, stored.Scopes);
    }

    [Fact]
    public async Task Bootstrap_HumanReadable_PrintsIdSecretAndATokenCommand()
    {
        var (exitCode, output, _) = await RunAsync(Settings, "bootstrap", "--tenant", TestTenant.Create().Id, "--client", "cli", "--scopes", "rules:read,rules:write");

        Assert.Equal(0, exitCode);
        Assert.Contains("client_secret: ", output, StringComparison.Ordinal);
        Assert.Contains("scopes:        rules:read rules:write", output, StringComparison.Ordinal);
        Assert.Contains("/oidc/token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bootstrap_ExistingClient_RefusesAndKeepsTheOldSecret()
    {
        var tenant = TestTenant.Create().Id;
        var (_, first, _) = await RunAsync(Settings, "bootstrap", "--tenant", tenant, "--client", "demo", "--json");

        var (exitCode, output, error) = await RunAsync(Settings, "bootstrap", "--tenant", tenant, "--client", "demo", "--json");

        Assert.Equal(3, exitCode);
        Assert.Empty(output);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
        using var credentials = JsonDocument.Parse(first);
        Assert.True(Hasher().Verify(credentials.RootElement.GetProperty("client_secret").GetString()!, (await StoredClientAsync(tenant, "demo"))!.SecretHash));
    }

    [Fact]
    public async Task RotateSecret_ExistingClient_OldSecretStopsWorkingNewOneWorks()
    {
        var tenant = TestTenant.Create().Id;
        var (_, first, _) = await RunAsync(Settings, "bootstrap", "--tenant", tenant, "--client", "demo", "--scopes", "rules:read", "--json");

        var (exitCode, second, _) = await RunAsync(Settings, "rotate-secret", "--tenant", tenant, "--client", "demo", "--json");

        Assert.Equal(0, exitCode);
        using var oldCredentials = JsonDocument.Parse(first);
        using var newCredentials = JsonDocument.Parse(second);
        Assert.Equal(RiskScopes.RulesRead, newCredentials.RootElement.GetProperty("scope").GetString());
        var stored = await StoredClientAsync(tenant, "demo");
        Assert.False(Hasher().Verify(oldCredentials.RootElement.GetProperty("client_secret").GetString()!, stored!.SecretHash));
        Assert.True(Hasher().Verify(newCredentials.RootElement.GetProperty("client_secret").GetString()!, stored.SecretHash));
    }

    [Fact]
    public async Task RotateSecret_UnknownClient_ExitsWith4()
    {
        var (exitCode, output, _) = await RunAsync(Settings, "rotate-secret", "--tenant", TestTenant.Create().Id, "--client", "ghost");

        Assert.Equal(4, exitCode);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("bootstrap", "--tenant", "Acme", "--client", "demo")]
    [InlineData("bootstrap", "--tenant", "acme/x", "--client", "demo")]
    [InlineData("bootstrap", "--tenant", "invalid-args", "--client", "de.mo")]
    [InlineData("bootstrap", "--tenant", "invalid-args", "--client", "demo", "--scopes", "admin")]
    public async Task Bootstrap_InvalidValues_ExitsWith2NamingTheOptionAndWritesNothing(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(Settings, args);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Matches("^--(tenant|scopes)", error);
        Assert.Null(await StoredClientAsync("invalid-args", "demo"));
    }

    [Fact]
    public async Task Bootstrap_InvalidTenantAndScopes_NamesBothOptions()
    {
        var (exitCode, output, error) = await RunAsync(Settings, "bootstrap", "--tenant", "Acme", "--client", "demo", "--scopes", "admin");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("--tenant", error, StringComparison.Ordinal);
        Assert.Contains("--scopes", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bootstrap", "--tenant", "invalid-args")]
    [InlineData("bootstrap", "--tenant", "invalid-args", "--client", "demo", "--tenant", "other")]
    [InlineData("bootstrap", "invalid-args", "demo")]
    [InlineData("rotate-secret", "--tenant", "invalid-args", "--client", "demo", "--scopes", "rules:read")]
    public async Task Command_UnparsableArguments_FailsAndWritesNothing(params string[] args)
    {
        var (exitCode, output, _) = await RunAsync(Settings, args);

        Assert.NotEqual(0, exitCode);
        Assert.Empty(output);
        Assert.Null(await StoredClientAsync("invalid-args", "demo"));
    }

    [Fact]
    public async Task RotateSigningKey_LocalKeyDirectory_KeepsThePreviousKey()
    {
        var directory = Path.Combine(Path.GetTempPath(), "risk-keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            var settings = new Dictionary<string, string?> { ["Security:Signing:KeyDirectory"] = directory, ["Security:Signing:CurrentKey"] = "" };
            var (first, _, _) = await RunAsync(settings, "rotate-signing-key");
            var (second, output, _) = await RunAsync(settings, "rotate-signing-key");

            Assert.Equal(0, first);
            Assert.Equal(0, second);
            Assert.DoesNotContain("previous signing key: (none)", output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(directory, "signing-previous.pem")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private ClientSecretHasher Hasher() => new(
        Options.Create(new ClientSecretOptions { Iterations = 1000 }),
        new SecurityMetrics(_metrics.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));

    private async Task<ClientRecord?> StoredClientAsync(string tenant, string name)
    {
        var tables = new RiskTables(azurite.CreateServiceClient(), azurite.TablePrefix);
        await tables.EnsureCreatedAsync([ClientRepository.TableName]);
        return await new ClientRepository(tables).GetAsync(tenant, name);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(Dictionary<string, string?> settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await AdminCommands.Create(output, error, settings).Parse(args).InvokeAsync();
        return (exitCode, output.ToString(), error.ToString());
    }
}
