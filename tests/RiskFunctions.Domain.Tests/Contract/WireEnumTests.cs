using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Dialects.DataDome;
using RiskFunctions.Domain.Contract.Dialects.Lithic;
using RiskFunctions.Domain.Contract.Dialects.Ravelin;
using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Contract.Transactions;

namespace RiskFunctions.Domain.Tests.Contract;

public sealed class WireEnumTests
{
    // The spellings below are copied from the seeds and API.md, not from the code under test.
    public static TheoryData<Type, string[]> Spellings => new()
    {
        { typeof(RecommendationType), ["ALLOW", "CHALLENGE", "DENY", "TRUST"] },
        { typeof(ResultType), ["success", "failure", "incomplete"] },
        {
            typeof(ChallengeType),
            ["sms_otp", "email_otp", "totp", "push_otp", "voice_otp", "idv", "captcha", "invisible_captcha", "password", "passkey"]
        },
        { typeof(RuleRecommendationType), ["CHALLENGE", "DENY", "TRUST"] },
        { typeof(RuleMode), ["PREVIEW", "PRODUCTION"] },
        {
            typeof(TransactionType),
            ["purchase", "bill_payment", "mobile_recharge", "money_transfer", "credit_transfer", "credit_redemption",
             "top_up", "withdrawal", "investment", "loan", "refund", "other"]
        },
        { typeof(TransactionMethod), ["bank_account", "wire", "card", "p2p", "wallet"] },
        { typeof(AvsMatchLevel), ["none", "postal", "street", "full", "unknown"] },
        {
            typeof(ClaimedUserIdType),
            ["email", "phone_number", "account_id", "ssn", "national_id", "passport_number", "drivers_license_number", "other"]
        },
        {
            typeof(LabelType),
            ["CONFIRMED_FRAUD", "SUSPECTED_FRAUD", "CONFIRMED_LEGIT", "UNDETERMINED", "DEVICE_TAKEOVER",
             "KNOWN_MALICIOUS", "SUSPECTED_MALICIOUS", "KNOWN_LEGIT", "UNKNOWN"]
        },
        {
            typeof(LabelSubjectType),
            ["ACTION_ID", "CORRELATION_ID", "CAMPAIGN_ID", "USER_ID", "IP_ADDRESS", "VERIFICATION_SESSION_ID", "FRAUD_RING_ID"]
        },
        { typeof(LabelRecommendationFilter), ["allow", "trust", "challenge", "deny"] },
        {
            typeof(LabelUseCase),
            ["ACCOUNT_TAKEOVER", "FIRST_PARTY_FRAUD", "IDENTITY_THEFT", "MONEY_MULE", "BOT_ATTACK", "SYNTHETIC_IDENTITY", "SOCIAL_ENGINEERING"]
        },
        { typeof(LabelSource), ["MANUAL_REVIEW", "CUSTOMER_COMPLAINTS", "CHARGEBACKS", "OTHER_VENDORS"] },
        { typeof(LabelPropagationState), ["pending", "running", "done", "failed"] },
        { typeof(ImportLineType), ["action", "result", "label"] },
        { typeof(RavelinCategory), ["PAYMENT_FRAUD", "REFUND_ABUSE"] },
        { typeof(RavelinResponseCategory), ["paymentFraud", "refundAbuse"] },
        {
            typeof(RavelinReview),
            ["FRAUDSTER", "GENUINE", "POTENTIALLY_FRAUDSTER", "POTENTIALLY_GENUINE", "REFUND_ABUSE", "NOT_REFUND_ABUSE", "UNREVIEWED"]
        },
        { typeof(DataDomeDecision), ["allow", "challenge", "review", "deny", "delete"] },
        { typeof(DataDomeOrigin), ["manualReview", "chargebacks", "automatedRule", "dashboard", "datadome", "other"] },
        { typeof(LithicFraudStatus), ["SUSPECTED_FRAUD", "FRAUDULENT", "NOT_FRAUDULENT", "NO_REPORTED_FRAUD"] },
        {
            typeof(LithicFraudType),
            ["FIRST_PARTY_FRAUD", "ACCOUNT_TAKEOVER", "CARD_COMPROMISED", "IDENTITY_THEFT", "CARDHOLDER_MANIPULATION"]
        },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Names_ContractEnum_AreExactlyTheDocumentedSpellings(Type enumType, string[] expected)
    {
        Assert.Equal(expected, NamesOf(enumType));
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Serialize_EveryMember_WritesItsSpellingAndReadsBack(Type enumType, string[] expected)
    {
        var typeInfo = RiskJsonContext.Default.GetTypeInfo(enumType)!;
        var values = Enum.GetValues(enumType);
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var json = JsonSerializer.Serialize(values.GetValue(i), typeInfo);
            Assert.Equal($"\"{expected[i]}\"", json);
            Assert.Equal(values.GetValue(i), JsonSerializer.Deserialize(json, typeInfo));
        }
    }

    [Fact]
    public void ContractEnums_AllCoveredBySpellingTableAndConverter()
    {
        var enums = ContractExamples.DomainAssembly.GetTypes()
            .Where(t => t.IsEnum && t.IsPublic && t.Namespace!.StartsWith("RiskFunctions.Domain.Contract", StringComparison.Ordinal)
                        && t != typeof(CustomAttributeKind))
            .ToHashSet();

        var tabled = Spellings.Select(row => (Type)row[0]).ToHashSet();
        Assert.Equal(enums.OrderBy(t => t.Name), tabled.OrderBy(t => t.Name));
        foreach (var type in enums)
        {
            var converter = type.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType;
            Assert.Equal(typeof(WireEnumConverter<>).MakeGenericType(type), converter);
        }
    }

    [Theory]
    [InlineData("\"deny\"")]
    [InlineData("\"Deny\"")]
    [InlineData("\" DENY\"")]
    [InlineData("\"CHALLENGE, DENY\"")]
    [InlineData("\"BLOCK\"")]
    [InlineData("\"\"")]
    [InlineData("1")]
    [InlineData("\"1\"")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Deserialize_AnythingButAnExactSpelling_IsRejectedListingTheSpellings(string json)
    {
        var ex = Assert.Throws<WireFormatException>(() => JsonSerializer.Deserialize(json, RiskJsonContext.Default.RuleRecommendationType));

        Assert.Equal("must be one of CHALLENGE, DENY, TRUST", ex.Message);
    }

    [Fact]
    public void Deserialize_UnknownEnumInsideDocument_NamesTheFieldAndTheSpellings()
    {
        const string json = """{"label_type":"CONFIRMED_FRAUD","subject":{"type":"EMAIL","value":"x"}}""";

        var ex = Assert.Throws<WireFormatException>(() => JsonSerializer.Deserialize(json, RiskJsonContext.Default.LabelRequest));

        Assert.Equal("$.subject.type", ex.Path);
        Assert.Equal(
            "subject.type: must be one of ACTION_ID, CORRELATION_ID, CAMPAIGN_ID, USER_ID, IP_ADDRESS, VERIFICATION_SESSION_ID, FRAUD_RING_ID",
            JsonReadErrors.Describe(ex, RiskJsonContext.Default.LabelRequest).ToString());
    }

    [Fact]
    public void TryParse_ExactSpelling_ParsesAndOtherCasingDoesNot()
    {
        Assert.True(WireEnum<LabelSource>.TryParse("CHARGEBACKS", out var source));
        Assert.Equal(LabelSource.Chargebacks, source);
        Assert.False(WireEnum<LabelSource>.TryParse("chargebacks", out _));
        Assert.False(WireEnum<LabelSource>.TryParse("Chargebacks", out _));
        Assert.False(WireEnum<LabelSource>.TryParse("2", out _));
        Assert.False(WireEnum<LabelSource>.TryParse(null, out _));
    }

    [Fact]
    public void GetName_UndeclaredValue_Throws()
    {
        Assert.Equal("PREVIEW", WireEnum<RuleMode>.GetName(RuleMode.Preview));
        Assert.Throws<ArgumentOutOfRangeException>(() => WireEnum<RuleMode>.GetName((RuleMode)42));
    }

    private static string[] NamesOf(Type enumType) =>
        ((IReadOnlyList<string>)typeof(WireEnum<>).MakeGenericType(enumType)
            .GetProperty(nameof(WireEnum<RuleMode>.Names))!.GetValue(null)!).ToArray();
}
