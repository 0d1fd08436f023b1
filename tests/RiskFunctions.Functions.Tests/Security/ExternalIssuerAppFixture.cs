using System.Text.Json.Nodes;
using RiskFunctions.Testing.FunctionApp;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>The function app trusting an external OpenID issuer (an Entra ID stand-in on loopback HTTP) for tenant <c>contoso</c>.</summary>
public sealed class ExternalIssuerAppFixture : FunctionAppFixture
{
    public const string Audience = "api://risk-functions";

    private FakeOidcIssuer? _issuer;

    public FakeOidcIssuer Issuer => _issuer ?? throw new InvalidOperationException("The issuer has not started.");

    /// <summary>The external issuer's settings, with <paramref name="separator"/> between sections (":" in-process, "__" for a worker's environment).</summary>
    public static Dictionary<string, string?> IssuerSettings(FakeOidcIssuer issuer, string separator)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var settings = new Dictionary<string, string?>
        {
            ["Security:ExternalIssuers:0:Issuer"] = issuer.Issuer,
            ["Security:ExternalIssuers:0:MetadataAddress"] = issuer.MetadataAddress.ToString(),
            ["Security:ExternalIssuers:0:Audience"] = Audience,
            ["Security:ExternalIssuers:0:TenantId"] = "contoso",
            ["Security:ExternalIssuers:0:RequireHttps"] = "false",
            ["Security:ExternalIssuers:0:AllowedClientIds:0"] = "app-allowed",
            ["Security:ExternalIssuers:0:RoleScopes:Risk.Rules.Read"] = "rules:read",
            ["Security:ExternalIssuers:0:RoleScopes:Risk.Labels.Write"] = "labels:write",
        };
        return settings.ToDictionary(pair => pair.Key.Replace(":", separator, StringComparison.Ordinal), pair => pair.Value);
    }

    /// <summary>The claims such an issuer writes (Entra ID's shape: azp, tid, roles), valid for an hour from <paramref name="now"/>.</summary>
    public static JsonObject Payload(FakeOidcIssuer issuer, DateTimeOffset now, string clientId = "app-allowed", string audience = Audience, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var seconds = now.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = issuer.Issuer,
            ["aud"] = audience,
            ["iat"] = seconds,
            ["nbf"] = seconds,
            ["exp"] = seconds + 3600,
            ["azp"] = clientId,
            ["tid"] = "00000000-entra-tenant-guid",
            ["roles"] = new JsonArray([.. (roles.Length == 0 ? ["Risk.Rules.Read"] : roles).Select(role => JsonValue.Create(role))]),
        };
    }

    protected override async Task OnStartingAsync() => _issuer = await FakeOidcIssuer.StartAsync();

    protected override void Configure(IDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (key, value) in IssuerSettings(Issuer, "__"))
        {
            settings[key] = value!;
        }
    }

    protected override async Task OnStoppingAsync()
    {
        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
    }
}
