using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Recommendations;

/// <summary>The type of challenge enforced for the reported action.</summary>
[JsonConverter(typeof(WireEnumConverter<ChallengeType>))]
public enum ChallengeType
{
    [JsonStringEnumMemberName("sms_otp")]
    SmsOtp,

    [JsonStringEnumMemberName("email_otp")]
    EmailOtp,

    [JsonStringEnumMemberName("totp")]
    Totp,

    [JsonStringEnumMemberName("push_otp")]
    PushOtp,

    [JsonStringEnumMemberName("voice_otp")]
    VoiceOtp,

    [JsonStringEnumMemberName("idv")]
    Idv,

    [JsonStringEnumMemberName("captcha")]
    Captcha,

    [JsonStringEnumMemberName("invisible_captcha")]
    InvisibleCaptcha,

    [JsonStringEnumMemberName("password")]
    Password,

    [JsonStringEnumMemberName("passkey")]
    Passkey,
}
