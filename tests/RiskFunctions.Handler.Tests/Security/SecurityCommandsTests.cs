using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RiskFunctions.Handler.Security;
using RiskFunctions.Handler.Security.Commands;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Handler.Tests.Security;

/// <summary>The bootstrap and rotation commands, against the same Azurite the service then reads.</summary>
public sealed class SecurityCommandsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SecurityCommands.RunAsync(args, output, error, settings);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Bootstrap_NewClient_PrintsCredentialsThatTheTokenEndpointAccepts()
    {
        var settings = TokenEndpointTests.Settings(azurite);
        var tenant = TestTenant.Create().Id;

        var (exitCode, output, _) = await RunAsync(settings, "bootstrap", "--tenant", tenant, "--client", "demo", "--json");

        Assert.Equal(0, exitCode);
        using var credentials = JsonDocument.Parse(output);
        Assert.Equal(tenant + ".demo", credentials.RootElement.GetProperty("client_id").GetString());
        await using var app = await SecurityTestApp.StartAsync(settings);
        using var response = await app.Client.PostAsync("/oidc/token", TokenEndpointTests.Form(
            ("grant_type", "client_credentials"),
            ("client_id", credentials.RootElement.GetProperty("client_id").GetString()!),
            ("client_secret", credentials.RootElement.GetProperty("client_secret").GetString()!),
            ("resource", credentials.RootElement.GetProperty("resource").GetString()!)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        using var probe = await app.ProbeWithTokenAsync(token);
        Assert.Equal(tenant, await probe.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bootstrap_HumanReadable_PrintsIdSecretAndATokenCommand()
    {
        var settings = TokenEndpointTests.Settings(azurite);

        var (exitCode, output, _) = await RunAsync(settings, "bootstrap", "--tenant", TestTenant.Create().Id, "--client", "cli", "--scopes", "rules:read,rules:write");

        Assert.Equal(0, exitCode);
        Assert.Contains("client_secret: ", output, StringComparison.Ordinal);
        Assert.Contains("scopes:        rules:read rules:write", output, StringComparison.Ordinal);
        Assert.Contains("/oidc/token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bootstrap_ExistingClient_RefusesAndKeepsTheOldSecret()
    {
        var settings = TokenEndpointTests.Settings(azurite);
        var tenant = TestTenant.Create().Id;
        var (_, first, _) = await RunAsync(settings, "bootstrap", "--tenant", tenant, "--client", "demo", "--json");

        var (exitCode, output, error) = await RunAsync(settings, "bootstrap", "--tenant", tenant, "--client", "demo", "--json");

        Assert.Equal(3, exitCode);
        Assert.Empty(output);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
        await using var app = await SecurityTestApp.StartAsync(settings);
        using var credentials = JsonDocument.Parse(first);
        using var response = await app.Client.PostAsync("/oidc/token", TokenEndpointTests.Form(
            ("grant_type", "client_credentials"),
            ("client_id", tenant + ".demo"),
            ("client_secret", credentials.RootElement.GetProperty("client_secret").GetString()!)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RotateSecret_ExistingClient_OldSecretStopsWorkingNewOneWorks()
    {
        var settings = TokenEndpointTests.Settings(azurite);
        var tenant = TestTenant.Create().Id;
        var (_, first, _) = await RunAsync(settings, "bootstrap", "--tenant", tenant, "--client", "demo", "--scopes", "rules:read", "--json");

        var (exitCode, second, _) = await RunAsync(settings, "rotate-secret", "--tenant", tenant, "--client", "demo", "--json");

        Assert.Equal(0, exitCode);
        await using var app = await SecurityTestApp.StartAsync(settings);
        using var oldCredentials = JsonDocument.Parse(first);
        using var newCredentials = JsonDocument.Parse(second);
        Assert.Equal(RiskScopes.RulesRead, newCredentials.RootElement.GetProperty("scope").GetString());
        using var old = await app.Client.PostAsync("/oidc/token", TokenEndpointTests.Form(
            ("grant_type", "client_credentials"), ("client_id", tenant + ".demo"), ("client_secret", oldCredentials.RootElement.GetProperty("client_secret").GetString()!)));
        using var current = await app.Client.PostAsync("/oidc/token", TokenEndpointTests.Form(
            ("grant_type", "client_credentials"), ("client_id", tenant + ".demo"), ("client_secret", newCredentials.RootElement.GetProperty("client_secret").GetString()!)));
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task RotateSecret_UnknownClient_Fails()
    {
        var (exitCode, output, _) = await RunAsync(TokenEndpointTests.Settings(azurite), "rotate-secret", "--tenant", TestTenant.Create().Id, "--client", "ghost");

        Assert.Equal(4, exitCode);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("bootstrap", "--tenant", "Acme", "--client", "demo")]
    [InlineData("bootstrap", "--tenant", "acme/x", "--client", "demo")]
    [InlineData("bootstrap", "--tenant", "acme", "--client", "de.mo")]
    [InlineData("bootstrap", "--tenant", "acme")]
    [InlineData("bootstrap", "--tenant", "acme", "--client", "demo", "--scopes", "admin")]
    [InlineData("bootstrap", "--tenant", "acme", "--client", "demo", "--tenant", "other")]
    [InlineData("bootstrap", "acme", "demo")]
    [InlineData("rotate-secret", "--tenant", "acme", "--client", "demo", "--scopes", "rules:read")]
    public async Task Bootstrap_InvalidArguments_ExitsWithUsageAndWritesNothing(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(TokenEndpointTests.Settings(azurite), args);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("usage:", error, StringComparison.Ordinal);
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

    [Fact]
    public void IsCommand_OnlyKnownCommandsInFirstPosition()
    {
        Assert.True(SecurityCommands.IsCommand(["bootstrap", "--tenant", "a"]));
        Assert.False(SecurityCommands.IsCommand(["--urls", "bootstrap"]));
        Assert.False(SecurityCommands.IsCommand([]));
    }
}
