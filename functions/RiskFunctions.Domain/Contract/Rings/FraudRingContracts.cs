using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Rings;

/// <summary>One identifier that links members of a ring.</summary>
public sealed record FraudRingEvidence
{
    /// <summary><c>device_id</c>, <c>device_fingerprint</c>, <c>device_public_key</c>, <c>card</c> (BIN|last4), <c>payee_account</c> or <c>ip</c>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("value")]
    public required string Value { get; init; }

    [JsonPropertyName("member_count")]
    public required int MemberCount { get; init; }
}

/// <summary>What the members' labels say (each member's reputation: the newest label on the user).</summary>
public sealed record FraudRingRisk
{
    [JsonPropertyName("members_confirmed_fraud")]
    public required int MembersConfirmedFraud { get; init; }

    [JsonPropertyName("members_suspected_fraud")]
    public required int MembersSuspectedFraud { get; init; }

    [JsonPropertyName("members_confirmed_legit")]
    public required int MembersConfirmedLegit { get; init; }

    [JsonPropertyName("members_unlabeled")]
    public required int MembersUnlabeled { get; init; }
}

/// <summary>A ring in a list.</summary>
public sealed record FraudRingSummary
{
    [JsonPropertyName("ring_id")]
    public required string RingId { get; init; }

    [JsonPropertyName("member_count")]
    public required int MemberCount { get; init; }

    [JsonPropertyName("evidence_count")]
    public required int EvidenceCount { get; init; }

    /// <summary>Unix epoch milliseconds.</summary>
    [JsonPropertyName("first_seen")]
    public required long FirstSeen { get; init; }

    /// <summary>Unix epoch milliseconds.</summary>
    [JsonPropertyName("last_seen")]
    public required long LastSeen { get; init; }
}

/// <summary><c>GET /risk/v1/fraud-rings</c>.</summary>
public sealed record FraudRingListResponse
{
    [JsonPropertyName("fraud_rings")]
    public required IReadOnlyList<FraudRingSummary> FraudRings { get; init; }

    /// <summary>Pass as <c>cursor</c> for the next page; absent on the last.</summary>
    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }
}

/// <summary><c>GET /risk/v1/fraud-rings/{id}</c>.</summary>
public sealed record FraudRingResponse
{
    [JsonPropertyName("ring_id")]
    public required string RingId { get; init; }

    [JsonPropertyName("members")]
    public required IReadOnlyList<string> Members { get; init; }

    [JsonPropertyName("evidence")]
    public required IReadOnlyList<FraudRingEvidence> Evidence { get; init; }

    [JsonPropertyName("first_seen")]
    public required long FirstSeen { get; init; }

    [JsonPropertyName("last_seen")]
    public required long LastSeen { get; init; }

    [JsonPropertyName("risk_summary")]
    public required FraudRingRisk RiskSummary { get; init; }

    /// <summary>The members' actions, newest first, one page.</summary>
    [JsonPropertyName("actions")]
    public required IReadOnlyList<RingActionItem> Actions { get; init; }

    /// <summary>Pass as <c>cursor</c> for the next page of actions; absent on the last.</summary>
    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }
}
