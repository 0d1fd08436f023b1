using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Recommendations;

/// <summary>The outcome of the action, as reported by the client.</summary>
[JsonConverter(typeof(WireEnumConverter<ResultType>))]
public enum ResultType
{
    [JsonStringEnumMemberName("success")]
    Success,

    [JsonStringEnumMemberName("failure")]
    Failure,

    [JsonStringEnumMemberName("incomplete")]
    Incomplete,
}
