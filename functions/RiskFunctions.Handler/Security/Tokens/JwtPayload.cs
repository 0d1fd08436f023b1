namespace RiskFunctions.Handler.Security.Tokens;

/// <summary>The registered and risk-specific claims read from a JWT payload; nothing here is trusted before the signature is.</summary>
public sealed record JwtPayload
{
    public string? Issuer { get; init; }
    public string? Subject { get; init; }
    public IReadOnlyList<string> Audiences { get; init; } = [];
    public long? ExpiresAt { get; init; }
    public long? NotBefore { get; init; }
    public long? IssuedAt { get; init; }
    public string? TokenId { get; init; }
    public string? TenantId { get; init; }
    public string? ClientId { get; init; }

    /// <summary>Entra ID's <c>azp</c> (v2 tokens) naming the calling application.</summary>
    public string? AuthorizedParty { get; init; }

    /// <summary>Entra ID's <c>appid</c> (v1 tokens) naming the calling application.</summary>
    public string? AppId { get; init; }

    /// <summary>The OAuth <c>scope</c> claim (space separated).</summary>
    public string? Scope { get; init; }

    /// <summary>Entra ID's delegated <c>scp</c> claim (space separated).</summary>
    public string? Scp { get; init; }

    /// <summary>Application roles (Entra ID) or our own scope list repeated for consumers that read roles.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
}
