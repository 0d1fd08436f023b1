using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.Lithic;

/// <summary>Fraud status of a Lithic transaction report.</summary>
[JsonConverter(typeof(WireEnumConverter<LithicFraudStatus>))]
public enum LithicFraudStatus
{
    /// <summary>Suspected, not yet confirmed.</summary>
    [JsonStringEnumMemberName("SUSPECTED_FRAUD")]
    SuspectedFraud,

    /// <summary>Confirmed fraudulent.</summary>
    [JsonStringEnumMemberName("FRAUDULENT")]
    Fraudulent,

    /// <summary>Explicitly not fraudulent.</summary>
    [JsonStringEnumMemberName("NOT_FRAUDULENT")]
    NotFraudulent,

    /// <summary>Response only: no report exists for the transaction.</summary>
    [JsonStringEnumMemberName("NO_REPORTED_FRAUD")]
    NoReportedFraud,
}
