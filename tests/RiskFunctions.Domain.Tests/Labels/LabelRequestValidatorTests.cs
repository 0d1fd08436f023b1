using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Tests.Labels;

public sealed class LabelRequestValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(LabelType.KnownMalicious, LabelType.ConfirmedFraud)]
    [InlineData(LabelType.SuspectedMalicious, LabelType.SuspectedFraud)]
    [InlineData(LabelType.KnownLegit, LabelType.ConfirmedLegit)]
    [InlineData(LabelType.Unknown, LabelType.Undetermined)]
    [InlineData(LabelType.DeviceTakeover, LabelType.DeviceTakeover)]
    public void Validate_LegacyLabelType_IsMappedToCurrentSpelling(LabelType sent, LabelType stored)
    {
        var label = Validate(Request(sent, LabelSubjectType.UserId, "user-1"), out var result);

        Assert.True(result.IsValid);
        Assert.Equal(stored, label!.Type);
    }

    [Fact]
    public void Validate_CompleteRequest_CarriesEveryField()
    {
        var request = Request(LabelType.ConfirmedFraud, LabelSubjectType.FraudRingId, "ring-7") with
        {
            UseCase = LabelUseCase.MoneyMule,
            Source = LabelSource.Chargebacks,
        };
        request = request with { Subject = request.Subject! with { Recommendations = [LabelRecommendationFilter.Deny, LabelRecommendationFilter.Deny, LabelRecommendationFilter.Allow] } };

        var label = Validate(request, out _)!;

        Assert.Equal("label-1", label.LabelId);
        Assert.Equal(Now, label.LabeledAt);
        Assert.Equal(LabelUseCase.MoneyMule, label.UseCase);
        Assert.Equal(LabelSource.Chargebacks, label.Source);
        Assert.Equal([LabelRecommendationFilter.Deny, LabelRecommendationFilter.Allow], label.Subject.Recommendations);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), label.ToContract().LabelTimestamp);
    }

    [Fact]
    public void Validate_MissingBody_NamesTheBody() => AssertRejected(null, "body: is required");

    [Fact]
    public void Validate_MissingTypeAndSubject_NamesBoth()
    {
        Validate(new LabelRequest(), out var result);

        Assert.Contains("label_type: is required", result.Messages);
        Assert.Contains("subject: is required", result.Messages);
    }

    [Fact]
    public void Validate_SubjectWithoutTypeOrValue_NamesBoth()
    {
        Validate(new LabelRequest { LabelType = LabelType.ConfirmedFraud, Subject = new LabelSubject() }, out var result);

        Assert.Contains("subject.type: is required", result.Messages);
        Assert.Contains("subject.value: is required", result.Messages);
    }

    [Theory]
    [InlineData(LabelSubjectType.UserId)]
    [InlineData(LabelSubjectType.CampaignId)]
    [InlineData(LabelSubjectType.CorrelationId)]
    public void Validate_RecommendationsOutsideFraudRing_AreRejected(LabelSubjectType type)
    {
        var request = Request(LabelType.ConfirmedFraud, type, "x");
        request = request with { Subject = request.Subject! with { Recommendations = [LabelRecommendationFilter.Deny] } };

        AssertRejected(request, "subject.recommendations: is only allowed when subject.type is FRAUD_RING_ID");
    }

    [Theory]
    [InlineData(LabelSubjectType.UserId)]
    [InlineData(LabelSubjectType.FraudRingId)]
    public void Validate_CampaignConfirmationOutsideCampaign_IsRejected(LabelSubjectType type)
    {
        var request = Request(LabelType.ConfirmedFraud, type, "x");
        request = request with { Subject = request.Subject! with { IsCampaignConfirmed = true } };

        AssertRejected(request, "subject.is_campaign_confirmed: is only allowed when subject.type is CAMPAIGN_ID");
    }

    [Fact]
    public void Validate_CampaignConfirmation_IsKept()
    {
        var request = Request(LabelType.ConfirmedFraud, LabelSubjectType.CampaignId, "spring-campaign");
        request = request with { Subject = request.Subject! with { IsCampaignConfirmed = false } };

        Assert.False(Validate(request, out _)!.Subject.IsCampaignConfirmed);
    }

    [Fact]
    public void Validate_EmptyRingRecommendations_AreRejected()
    {
        var request = Request(LabelType.ConfirmedFraud, LabelSubjectType.FraudRingId, "ring");
        request = request with { Subject = request.Subject! with { Recommendations = [] } };

        AssertRejected(request, "subject.recommendations: must not be empty when present");
    }

    [Theory]
    [InlineData(LabelSubjectType.ActionId, "not-a-token", "subject.value: must be an action token (64 lower-case hex digits) when subject.type is ACTION_ID")]
    [InlineData(LabelSubjectType.IpAddress, "10.0.0.256", "subject.value: must be an IPv4 or IPv6 address when subject.type is IP_ADDRESS")]
    [InlineData(LabelSubjectType.UserId, "bad\u0001user", "subject.value: must not contain control characters")]
    public void Validate_ValueNotFittingItsType_IsRejected(LabelSubjectType type, string value, string expected) =>
        AssertRejected(Request(LabelType.ConfirmedFraud, type, value), expected);

    [Fact]
    public void Validate_OversizedValue_IsRejected() =>
        AssertRejected(Request(LabelType.ConfirmedFraud, LabelSubjectType.UserId, new string('u', LabelLimits.SubjectValueLength + 1)),
            $"subject.value: must be at most {LabelLimits.SubjectValueLength} characters");

    [Theory]
    [InlineData("ALLOW", false)]
    [InlineData("DENY", true)]
    [InlineData("deny", true)]
    public void Matches_DenyFilter_ComparesRecommendationsCaseInsensitively(string recommendation, bool matches) =>
        Assert.Equal(matches, LabelRecommendationFilter.Deny.Matches(recommendation));

    private static LabelRequest Request(LabelType type, LabelSubjectType subjectType, string value) =>
        new() { LabelType = type, Subject = new LabelSubject { Type = subjectType, Value = value } };

    private static Label? Validate(LabelRequest? request, out ValidationResult result)
    {
        result = new ValidationResult();
        return LabelRequestValidator.Validate(request, "label-1", Now, result);
    }

    private static void AssertRejected(LabelRequest? request, string expected)
    {
        var label = Validate(request, out var result);

        Assert.Null(label);
        Assert.Contains(expected, result.Messages);
    }
}
