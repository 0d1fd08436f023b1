using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Transactions;

/// <summary>Address Verification Service match level.</summary>
[JsonConverter(typeof(WireEnumConverter<AvsMatchLevel>))]
public enum AvsMatchLevel
{
    [JsonStringEnumMemberName("none")]
    None,

    [JsonStringEnumMemberName("postal")]
    Postal,

    [JsonStringEnumMemberName("street")]
    Street,

    [JsonStringEnumMemberName("full")]
    Full,

    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
