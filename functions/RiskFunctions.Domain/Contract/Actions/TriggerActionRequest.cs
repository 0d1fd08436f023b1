using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Contract.Transactions;

namespace RiskFunctions.Domain.Contract.Actions;

/// <summary>
/// Body of <c>POST /action/trigger-action</c>: the Client Actions API fields, plus the device and network
/// context (<see cref="Context"/>) and the device, network and behavior signals (<see cref="RiskSignals"/>)
/// that a browser or mobile SDK would otherwise have collected. Every field is nullable so a missing one is
/// reported by name.
/// </summary>
public sealed record TriggerActionRequest
{
    /// <summary>Opaque device-session identifier supplied by the caller.</summary>
    [JsonPropertyName("session_token")]
    public string? SessionToken { get; init; }

    /// <summary>Required. A predefined <see cref="ActionTypes"/> value or a custom action name.</summary>
    [JsonPropertyName("action_type")]
    public string? ActionType { get; init; }

    /// <summary>Opaque identifier of the authenticated user, if any.</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    /// <summary>User ID of a not-yet-authenticated user (may be hashed).</summary>
    [JsonPropertyName("claimed_user_id")]
    public string? ClaimedUserId { get; init; }

    /// <summary>What kind of identifier <see cref="ClaimedUserId"/> is; only with a claimed user ID.</summary>
    [JsonPropertyName("claimed_user_id_type")]
    public ClaimedUserIdType? ClaimedUserIdType { get; init; }

    /// <summary>Any ID relating the action to external context or a session.</summary>
    [JsonPropertyName("correlation_id")]
    public string? CorrelationId { get; init; }

    /// <summary>Identity verification session the action belongs to, so it can be labeled through it.</summary>
    [JsonPropertyName("verification_session_id")]
    public string? VerificationSessionId { get; init; }

    [JsonPropertyName("transaction_data")]
    public TransactionData? TransactionData { get; init; }

    /// <summary>Tenant-defined attributes; values that are not a string, number or boolean are ignored.</summary>
    [JsonPropertyName("custom_attributes")]
    [JsonConverter(typeof(CustomAttributesConverter))]
    public IReadOnlyDictionary<string, CustomAttributeValue>? CustomAttributes { get; init; }

    [JsonPropertyName("context")]
    public TriggerActionContext? Context { get; init; }

    [JsonPropertyName("risk_signals")]
    public ClientRiskSignals? RiskSignals { get; init; }
}
