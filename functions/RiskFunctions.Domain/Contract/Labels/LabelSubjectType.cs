using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Labels;

/// <summary>The kind of entity a label is about.</summary>
[JsonConverter(typeof(WireEnumConverter<LabelSubjectType>))]
public enum LabelSubjectType
{
    [JsonStringEnumMemberName("ACTION_ID")]
    ActionId,

    [JsonStringEnumMemberName("CORRELATION_ID")]
    CorrelationId,

    [JsonStringEnumMemberName("CAMPAIGN_ID")]
    CampaignId,

    [JsonStringEnumMemberName("USER_ID")]
    UserId,

    [JsonStringEnumMemberName("IP_ADDRESS")]
    IpAddress,

    [JsonStringEnumMemberName("VERIFICATION_SESSION_ID")]
    VerificationSessionId,

    [JsonStringEnumMemberName("FRAUD_RING_ID")]
    FraudRingId,
}
