using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Actions;

/// <summary>What kind of identifier a <c>claimed_user_id</c> is (it may be hashed).</summary>
[JsonConverter(typeof(WireEnumConverter<ClaimedUserIdType>))]
public enum ClaimedUserIdType
{
    [JsonStringEnumMemberName("email")]
    Email,

    [JsonStringEnumMemberName("phone_number")]
    PhoneNumber,

    [JsonStringEnumMemberName("account_id")]
    AccountId,

    [JsonStringEnumMemberName("ssn")]
    Ssn,

    [JsonStringEnumMemberName("national_id")]
    NationalId,

    [JsonStringEnumMemberName("passport_number")]
    PassportNumber,

    [JsonStringEnumMemberName("drivers_license_number")]
    DriversLicenseNumber,

    [JsonStringEnumMemberName("other")]
    Other,
}
