using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Labels;

/// <summary>What a label says about its subject. The legacy spellings are accepted on input only and mapped to current ones; responses never carry them.</summary>
[JsonConverter(typeof(WireEnumConverter<LabelType>))]
public enum LabelType
{
    /// <summary>Confirmed fraud.</summary>
    [JsonStringEnumMemberName("CONFIRMED_FRAUD")]
    ConfirmedFraud,

    /// <summary>Suspected, not confirmed, fraud.</summary>
    [JsonStringEnumMemberName("SUSPECTED_FRAUD")]
    SuspectedFraud,

    /// <summary>Confirmed legitimate.</summary>
    [JsonStringEnumMemberName("CONFIRMED_LEGIT")]
    ConfirmedLegit,

    /// <summary>Reviewed without a conclusion.</summary>
    [JsonStringEnumMemberName("UNDETERMINED")]
    Undetermined,

    /// <summary>The device was taken over (remote access, malware).</summary>
    [JsonStringEnumMemberName("DEVICE_TAKEOVER")]
    DeviceTakeover,

    /// <summary>Legacy spelling of confirmed fraud.</summary>
    [JsonStringEnumMemberName("KNOWN_MALICIOUS")]
    KnownMalicious,

    /// <summary>Legacy spelling of suspected fraud.</summary>
    [JsonStringEnumMemberName("SUSPECTED_MALICIOUS")]
    SuspectedMalicious,

    /// <summary>Legacy spelling of confirmed legitimate.</summary>
    [JsonStringEnumMemberName("KNOWN_LEGIT")]
    KnownLegit,

    /// <summary>Legacy spelling of undetermined.</summary>
    [JsonStringEnumMemberName("UNKNOWN")]
    Unknown,
}
