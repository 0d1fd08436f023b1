using System.Text.Json;
using System.Text.Json.Nodes;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Dialects.Lithic;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Contract.Recommendations;

namespace RiskFunctions.Domain.Tests.Contract;

/// <summary>Which fields are written, and how, when they have no value.</summary>
public sealed class WireFormatTests
{
    [Fact]
    public void Serialize_RecommendationWithoutResult_WritesResultNullAndOmitsChallengeType()
    {
        var json = JsonSerializer.Serialize(new Recommendation { Type = RecommendationType.Trust }, RiskJsonContext.Default.Recommendation);

        Assert.Equal("""{"type":"TRUST","result":null}""", json);
    }

    [Fact]
    public void Serialize_RecommendationFullWithoutOptionalParts_OmitsThem()
    {
        var full = new RecommendationFull
        {
            Id = "r",
            IssuedAt = 1,
            Recommendation = new Recommendation { Type = RecommendationType.Allow },
            RiskScore = 12.5,
            Context = new RecommendationContext
            {
                ActionId = "a", ActionType = "login", ActionPerformedAt = 1, ApplicationId = "app", DeviceId = "d", DeviceFingerprint = "f",
            },
            Reasons = [],
        };

        var node = JsonNode.Parse(JsonSerializer.Serialize(full, RiskJsonContext.Default.RecommendationFull))!.AsObject();

        Assert.Equal(["id", "issued_at", "recommendation", "risk_score", "context", "reasons"], node.Select(p => p.Key));
        Assert.Equal(
            ["action_id", "action_type", "action_performed_at", "application_id", "device_id", "device_fingerprint"],
            node["context"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Serialize_LabelResponse_KeepsTheContractsMisspelledAffectedActionIds()
    {
        var response = new LabelResponse
        {
            Message = "ok",
            LabelId = "l",
            Label = new SavedLabel
            {
                LabelId = "l", LabelType = LabelType.ConfirmedFraud, LabelTimestamp = 1,
                Subject = new LabelSubject { Type = LabelSubjectType.UserId, Value = "u" },
            },
            AffectedActionIds = ["a1"],
        };

        var node = JsonNode.Parse(JsonSerializer.Serialize(response, RiskJsonContext.Default.LabelResponse))!.AsObject();

        Assert.True(node.ContainsKey("afftectedActionIds"));
        Assert.False(node.ContainsKey("affectedActionIds"));
        Assert.Equal("a1", node["afftectedActionIds"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Deserialize_LabelResponseWithCorrectedSpelling_IsRejectedAsMissingTheRequiredField()
    {
        const string json = """{"message":"ok","label_id":"l","label":{"label_id":"l","label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"u"},"label_timestamp":1},"affectedActionIds":[]}""";

        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, RiskJsonContext.Default.LabelResponse));

        Assert.Contains("afftectedActionIds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_UnreportedLithicTransaction_WritesEveryFieldWithNulls()
    {
        var report = new LithicFraudReport { TransactionToken = "t", FraudStatus = LithicFraudStatus.NoReportedFraud };

        var json = JsonSerializer.Serialize(report, RiskJsonContext.Default.LithicFraudReport);

        Assert.Equal(
            """{"transaction_token":"t","fraud_status":"NO_REPORTED_FRAUD","fraud_type":null,"comment":null,"created_at":null,"updated_at":null}""",
            json);
    }

    [Fact]
    public void Deserialize_RavelinTimestampWithNanoseconds_KeepsTheInstantToTheTick()
    {
        var response = JsonSerializer.Deserialize(ContractExamples.Text("RavelinLabelResponse.seed.json"), RiskJsonContext.Default.RavelinLabelResponse)!;

        Assert.Equal(new DateTimeOffset(2025, 1, 27, 16, 43, 58, TimeSpan.Zero).AddTicks(1642602), response.Timestamp);
        Assert.Contains("\"timestamp\":\"2025-01-27T16:43:58.1642602Z\"",
            JsonSerializer.Serialize(response, RiskJsonContext.Default.RavelinLabelResponse), StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_TimestampWithOffset_IsWrittenInUtc()
    {
        var report = new LithicFraudReport
        {
            TransactionToken = "t",
            FraudStatus = LithicFraudStatus.Fraudulent,
            CreatedAt = new DateTimeOffset(2025, 1, 27, 18, 0, 0, TimeSpan.FromHours(2)),
        };

        var json = JsonSerializer.Serialize(report, RiskJsonContext.Default.LithicFraudReport);

        Assert.Contains("\"created_at\":\"2025-01-27T16:00:00.0000000Z\"", json, StringComparison.Ordinal);
    }
}
