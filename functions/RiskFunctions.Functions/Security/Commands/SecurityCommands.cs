using System.Text.Json;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Security.Clients;
using RiskFunctions.Functions.Security.Keys;
using RiskFunctions.Functions.Security.Tokens;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Clients;

namespace RiskFunctions.Functions.Security.Commands;

/// <summary>
/// Administrative commands of the handler executable, run with the same configuration as the service
/// (appsettings.json and environment variables, e.g. <c>Storage__ConnectionString</c>):
/// <list type="bullet">
/// <item><c>bootstrap --tenant acme --client demo [--scopes "rules:read rules:write"] [--json]</c>: registers a
/// client of a (new or existing) tenant and prints its id and secret, which is shown only this once.</item>
/// <item><c>rotate-secret --tenant acme --client demo [--json]</c>: gives an existing client a new secret.</item>
/// <item><c>rotate-signing-key</c>: in the local key directory, makes a new key current and keeps the old one as previous.</item>
/// </list>
/// </summary>
public static class SecurityCommands
{
    public const string Bootstrap = "bootstrap";
    public const string RotateSecret = "rotate-secret";
    public const string RotateSigningKey = "rotate-signing-key";

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--json" };
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true };

    public static bool IsCommand(string[] args) =>
        args is [Bootstrap or RotateSecret or RotateSigningKey, ..];

    /// <summary>Runs the command named by <c>args[0]</c>; returns the process exit code.</summary>
    /// <param name="args">The command and its arguments.</param>
    /// <param name="output">Where results (including a new secret) are written.</param>
    /// <param name="error">Where problems are written.</param>
    /// <param name="settings">Configuration on top of the service's own sources (tests).</param>
    /// <param name="cancellationToken">Cancels storage calls.</param>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var arguments = CommandArguments.Parse(args[1..], Flags, out var problem);
        if (arguments is null)
        {
            return Usage(error, problem!);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddRiskSecurity(builder.Configuration);
        using var host = builder.Build();
        var services = host.Services;

        return args[0] switch
        {
            RotateSigningKey => RotateKey(services, error, output),
            _ => await RegisterAsync(args[0], arguments, services, output, error, cancellationToken),
        };
    }

    private static async Task<int> RegisterAsync(string command, CommandArguments arguments, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var tenant = arguments.Value("--tenant");
        var name = arguments.Value("--client");
        string[] allowed = command == Bootstrap ? ["--tenant", "--client", "--scopes", "--json"] : ["--tenant", "--client", "--json"];
        if (arguments.Names.Except(allowed).FirstOrDefault() is { } unexpected)
        {
            return Usage(error, $"unexpected argument '{unexpected}'");
        }

        if (!TenantIds.IsValid(tenant) || !TenantIds.IsValid(name))
        {
            return Usage(error, "--tenant and --client are required: lower-case letters, digits, '-' and '_', up to 64 characters");
        }

        var requested = arguments.Value("--scopes") is { } list ? ScopeList.Split(list.Replace(',', ' ')) : [.. RiskScopes.Default];
        var scopes = ScopeList.KnownScopes(requested);
        if (scopes.Length != requested.Distinct(StringComparer.Ordinal).Count() || scopes.Length == 0)
        {
            return Usage(error, "--scopes: one or more of " + ScopeList.Join(RiskScopes.All));
        }

        // The commands run without the service's hosted start-up, which creates the tables otherwise.
        await services.GetRequiredService<RiskTables>().EnsureCreatedAsync([ClientRepository.TableName], cancellationToken);
        var clients = services.GetRequiredService<ClientRepository>();
        var hasher = services.GetRequiredService<ClientSecretHasher>();
        var secret = ClientSecretHasher.GenerateSecret();
        var identifier = new ClientIdentifier(tenant!, name!);
        if (command == Bootstrap)
        {
            var record = new ClientRecord(tenant!, name!, hasher.Hash(secret), scopes, Disabled: false, services.GetRequiredService<TimeProvider>().GetUtcNow());
            if (!await clients.CreateAsync(record, cancellationToken))
            {
                await error.WriteLineAsync($"The client {identifier} already exists; use '{RotateSecret}' to give it a new secret.");
                return 3;
            }
        }
        else
        {
            if (await clients.GetAsync(tenant!, name!, cancellationToken) is not { } existing)
            {
                await error.WriteLineAsync($"There is no client {identifier}.");
                return 4;
            }

            scopes = [.. existing.Scopes];
            await clients.ReplaceSecretAsync(tenant!, name!, hasher.Hash(secret), cancellationToken);
        }

        var options = services.GetRequiredService<IOptions<TokenOptions>>().Value;
        await output.WriteAsync(arguments.Has("--json")
            ? Json(tenant!, identifier.ToString(), secret, scopes, options.Audience)
            : Text(tenant!, identifier.ToString(), secret, scopes, options));
        return 0;
    }

    private static int RotateKey(IServiceProvider services, TextWriter error, TextWriter output)
    {
        var signing = services.GetRequiredService<IOptions<SigningKeyOptions>>().Value;
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

    private static int Usage(TextWriter error, string problem)
    {
        error.WriteLine(problem);
        error.WriteLine($"usage: RiskFunctions.Functions {Bootstrap} --tenant <id> --client <name> [--scopes \"<scope> ...\"] [--json]");
        error.WriteLine($"       RiskFunctions.Functions {RotateSecret} --tenant <id> --client <name> [--json]");
        error.WriteLine($"       RiskFunctions.Functions {RotateSigningKey}");
        return 2;
    }
}
