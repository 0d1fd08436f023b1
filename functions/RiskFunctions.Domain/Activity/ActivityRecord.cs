namespace RiskFunctions.Domain.Activity;

/// <summary>
/// What ring and campaign detection know about one action: its identifiers, where it came from and, for payments, the
/// instruments. Small on purpose: it is written once per action to the recent-activity feed and read back in bulk.
/// </summary>
public sealed record ActivityRecord
{
    public required string ActionToken { get; init; }

    public required string ActionType { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The action's user (<c>user_id</c>, else <c>claimed_user_id</c>).</summary>
    public string? UserId { get; init; }

    public string? DeviceId { get; init; }

    public string? DeviceFingerprint { get; init; }

    public string? DevicePublicKey { get; init; }

    /// <summary>Canonical client IP.</summary>
    public string? Ip { get; init; }

    /// <summary>
    /// The IP belongs to a network many unrelated people share or rent (hosting, proxy and anonymizer lists): it links
    /// nobody to anybody.
    /// </summary>
    public bool IpIsShared { get; init; }

    /// <summary>Autonomous system id, e.g. <c>AS7922</c>.</summary>
    public string? Asn { get; init; }

    /// <summary>Browser name and major version on an OS, e.g. <c>Chrome 131 / Windows</c>: the user-agent family.</summary>
    public string? UserAgentFamily { get; init; }

    /// <summary>Payer card as <c>bin|last4</c>.</summary>
    public string? Card { get; init; }

    /// <summary>Payee account number or id.</summary>
    public string? PayeeAccount { get; init; }

    public decimal? Amount { get; init; }

    /// <summary>The reported result (<c>success</c>, <c>failure</c>, <c>incomplete</c>), once reported.</summary>
    public string? Result { get; init; }

    /// <summary>The recommendation returned (<c>ALLOW</c>, <c>CHALLENGE</c>, ...).</summary>
    public string? Recommendation { get; init; }
}
