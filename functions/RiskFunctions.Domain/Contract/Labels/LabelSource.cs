using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Labels;

/// <summary>Where the label's information came from.</summary>
[JsonConverter(typeof(WireEnumConverter<LabelSource>))]
public enum LabelSource
{
    [JsonStringEnumMemberName("MANUAL_REVIEW")]
    ManualReview,

    [JsonStringEnumMemberName("CUSTOMER_COMPLAINTS")]
    CustomerComplaints,

    [JsonStringEnumMemberName("CHARGEBACKS")]
    Chargebacks,

    [JsonStringEnumMemberName("OTHER_VENDORS")]
    OtherVendors,
}
