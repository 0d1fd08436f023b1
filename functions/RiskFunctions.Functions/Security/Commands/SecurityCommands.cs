using System.Text.Json;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Security.Clients;
using RiskFunctions.Functions.Security.Keys;
using RiskFunctions.Functions.Security.Tokens;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Clients;

namespace RiskFunctions.Functions.Security.Commands;

/// <summary>
/// The administrative commands, run with the same configuration as the service (appsettings.json and environment
/// variables, e.g. <c>Storage__ConnectionString</c>): register a client of a (new or existing) tenant and print
/// its secret, shown only this once; give an existing client a new secret; rotate the local signing key. The
/// command line around them (<c>tools/RiskFunctions.Admin</c>) parses the arguments; the values are checked here.
/// Each returns the process exit code: 0 done, 2 an invalid value, 3 the client exists, 4 there is no such client.
/// </summary>
public static class SecurityCommands
{
    public const string Bootstrap = "bootstrap";
    public const string RotateSecret = "rotate-secret";
    public const string RotateSigningKey = "rotate-signing-key";

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true };

    /// <summary>Registers <paramref name="command"/>'s client with its scopes and writes its credentials to <paramref name="output"/>.</summary>
    /// <param name="command">The client.</param>
    /// <param name="output">Where the credentials (including the new secret) are written.</param>
    /// <param name="error">Where problems are written.</param>
    /// <param name="settings">Configuration on top of the service's own sources (tests).</param>
    /// <param name="cancellationToken">Cancels storage calls.</param>
    public static Task<int> BootstrapAsync(
        ClientCommand command, TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings = null, CancellationToken cancellationToken = default) =>
        RegisterAsync(Bootstrap, command, output, error, settings, cancellationToken);

    /// <summary>Gives <paramref name="command"/>'s existing client a new secret and writes its credentials to <paramref name="output"/>.</summary>
    /// <param name="command">The client (its scopes are kept; <see cref="ClientCommand.Scopes"/> must be <c>null</c>).</param>
    /// <param name="output">Where the credentials (including the new secret) are written.</param>
    /// <param name="error">Where problems are written.</param>
    /// <param name="settings">Configuration on top of the service's own sources (tests).</param>
    /// <param name="cancellationToken">Cancels storage calls.</param>
    public static Task<int> RotateSecretAsync(
        ClientCommand command, TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings = null, CancellationToken cancellationToken = default) =>
        RegisterAsync(RotateSecret, command, output, error, settings, cancellationToken);

    /// <summary>In the local key directory, makes a new key current and keeps the old one as previous.</summary>
    /// <param name="output">Where the key ids are written.</param>
    /// <param name="error">Where problems are written.</param>
    /// <param name="settings">Configuration on top of the service's own sources (tests).</param>
    public static int RotateLocalSigningKey(TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        using var host = BuildHost(settings);
        var signing = host.Services.GetRequiredService<IOptions<SigningKeyOptions>>().Value;
        if (string.IsNullOrWhiteSpace(signing.KeyDirectory) || !string.IsNullOrWhiteSpace(signing.CurrentKey))
        {
            error.WriteLine($"Local rotation needs {SigningKeyOptions.SectionName}:KeyDirectory (and no CurrentKey). In Azure, rotate the Key Vault secrets (see docs/SECURITY.md).");
            return 2;
        }

        using var ring = new LocalKeyStore(signing.KeyDirectory).Rotate(signing.Algorithm);
        output.WriteLine($"current signing key: {ring.Current!.KeyId}");
        output.WriteLine($"previous signing key: {ring.Previous?.KeyId ?? "(none)"}");
        output.WriteLine("Restart the service to sign with the new key; tokens of the previous key stay valid until they expire.");
        return 0;
    }

    private static IHost BuildHost(IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddRiskSecurity(builder.Configuration);
        return builder.Build();
    }

    private static async Task<int> RegisterAsync(
        string commandName, ClientCommand command, TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (tenant, name) = (command.Tenant, command.Client);
        var problems = new List<string>(2);
        if (!TenantIds.IsValid(tenant) || !TenantIds.IsValid(name))
        {
            problems.Add("--tenant and --client: lower-case letters, digits, '-' and '_', up to 64 characters");
        }

        var requested = command.Scopes is { } list ? ScopeList.Split(list.Replace(',', ' ')) : [.. RiskScopes.Default];
        var scopes = ScopeList.KnownScopes(requested);
        if (commandName == RotateSecret && command.Scopes is not null)
        {
            problems.Add("--scopes: a client keeps its scopes when its secret is rotated");
        }
        else if (scopes.Length != requested.Distinct(StringComparer.Ordinal).Count() || scopes.Length == 0)
        {
            problems.Add("--scopes: one or more of " + ScopeList.Join(RiskScopes.All));
        }

        if (problems.Count > 0)
        {
            return Invalid(error, problems);
        }

        using var host = BuildHost(settings);
        var services = host.Services;

        // The commands run without the service's hosted start-up, which creates the tables otherwise.
        await services.GetRequiredService<RiskTables>().EnsureCreatedAsync([ClientRepository.TableName], cancellationToken);
        var clients = services.GetRequiredService<ClientRepository>();
        var hasher = services.GetRequiredService<ClientSecretHasher>();
        var secret = ClientSecretHasher.GenerateSecret();
        var identifier = new ClientIdentifier(tenant, name);
        if (commandName == Bootstrap)
        {
            var record = new ClientRecord(tenant, name, hasher.Hash(secret), scopes, Disabled: false, services.GetRequiredService<TimeProvider>().GetUtcNow());
            if (!await clients.CreateAsync(record, cancellationToken))
            {
                await error.WriteLineAsync($"The client {identifier} already exists; use '{RotateSecret}' to give it a new secret.");
                return 3;
            }
        }
        else
        {
            if (await clients.GetAsync(tenant, name, cancellationToken) is not { } existing)
            {
                await error.WriteLineAsync($"There is no client {identifier}.");
                return 4;
            }

            scopes = [.. existing.Scopes];
            await clients.ReplaceSecretAsync(tenant, name, hasher.Hash(secret), cancellationToken);
        }

        var options = services.GetRequiredService<IOptions<TokenOptions>>().Value;
        await output.WriteAsync(command.Json
            ? Json(tenant, identifier.ToString(), secret, scopes, options.Audience)
            : Text(tenant, identifier.ToString(), secret, scopes, options));
        return 0;
    }

    private static string Text(string tenant, string clientId, string secret, IReadOnlyList<string> scopes, TokenOptions options) =>
        $"""
        tenant:        {tenant}
        client_id:     {clientId}
        client_secret: {secret}
        scopes:        {ScopeList.Join(scopes)}

        The secret is shown only now; store it safely. Get a token with:
          curl -s -X POST {options.Issuer.TrimEnd('/')}/oidc/token \
            -d grant_type=client_credentials -d client_id={clientId} \
            -d client_secret={secret} -d resource={options.Audience}

        """;

    private static string Json(string tenant, string clientId, string secret, IReadOnlyList<string> scopes, string resource)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("tenant", tenant);
            writer.WriteString("client_id", clientId);
            writer.WriteString("client_secret", secret);
            writer.WriteString("scope", ScopeList.Join(scopes));
            writer.WriteString("resource", resource);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static int Invalid(TextWriter error, IEnumerable<string> problems)
    {
        foreach (var problem in problems)
        {
            error.WriteLine(problem);
        }

        return 2;
    }
}
