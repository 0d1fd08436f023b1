using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RiskFunctions.Domain.Contract;

namespace RiskFunctions.Functions.Tests.OpenApi;

/// <summary>The document and the contract types describe the same wire: same fields, same JSON types, same enum spellings.</summary>
public sealed class OpenApiContractTests
{
    private const string Schemas = "#/components/schemas/";

    private static readonly Dictionary<string, string> ObjectSchemas = new(StringComparer.Ordinal)
    {
        ["RecommendationFull"] = "recommendation_full",
        ["Recommendation"] = "recommendation",
        ["RecommendationContext"] = "recommendation_full/properties/context",
        ["RiskSignals"] = "risk_signals",
        ["DeviceSignals"] = "risk_signals/properties/device",
        ["NetworkSignals"] = "risk_signals/properties/network",
        ["BehaviorSignals"] = "risk_signals/properties/behavior",
        ["HistorySignals"] = "risk_signals/properties/history",
        ["PreviewRule"] = "preview_rule",
        ["Rule"] = "rule",
        ["Matcher"] = "matcher",
        ["RuleListItem"] = "get_all_response/properties/data/items",
        // A create or update body is a rule, and what a read of rules answers can be sent back: the accepted fields
        // are those of a listed rule (the rule's and its id).
        ["RuleRequest"] = "get_all_response/properties/data/items",
        ["CreateRuleResponse"] = "create_rule_response",
        ["GetAllRulesResponse"] = "get_all_response",
        ["GetRuleResponse"] = "get_rule_response",
        ["UpdateDeleteRuleResponse"] = "update_delete_rule_response",
        ["TransactionData"] = "transaction_data",
        ["TransactionPayer"] = "transaction_payer",
        ["TransactionPayee"] = "transaction_payee",
        ["TransactionCard"] = "transaction_card",
        ["TransactionAddress"] = "transaction_address",
        ["TransactionProduct"] = "transaction_product",
        ["TransactionPurchase"] = "transaction_purchase",
        ["TransactionAvs"] = "transaction_avs",
        ["TriggerActionRequest"] = "trigger_action_request",
        ["TriggerActionContext"] = "trigger_action_context",
        ["ClientRiskSignals"] = "client_risk_signals",
        ["TriggerActionResponse"] = "trigger_action_response",
        ["ActionResultRequest"] = "action_result_request",
        ["ActionResultResponse"] = "action_result_response",
        ["LabelRequest"] = "label_request",
        ["LabelSubject"] = "label_subject",
        ["SavedLabel"] = "saved_label",
        ["LabelResponse"] = "label_response",
        ["LabelStatusResponse"] = "label_status_response",
        ["TokenResponse"] = "token_response",
        ["OAuthErrorResponse"] = "oauth_error",
        ["ErrorResponse"] = "error",
        ["RavelinLabelRequest"] = "ravelin_label_request",
        ["RavelinReviewer"] = "ravelin_reviewer",
        ["RavelinLabelResponse"] = "ravelin_label_response",
        ["RavelinErrorResponse"] = "ravelin_error",
        ["DataDomeFeedbackRequest"] = "datadome_feedback_request",
        ["DataDomeFeedbackResponse"] = "datadome_feedback_response",
        ["DataDomeErrorResponse"] = "datadome_error",
        ["DataDomeFieldError"] = "datadome_error/properties/errors/items",
        ["LithicFraudReportRequest"] = "lithic_fraud_report_request",
        ["LithicFraudReport"] = "lithic_fraud_report",
        ["LithicErrorResponse"] = "lithic_error",
        ["GetRuleHitsResponse"] = "get_rule_hits_response",
        ["RuleHits"] = "rule_hits",
        ["ImportLine"] = "import_line",
        ["ImportResponse"] = "import_response",
        ["ImportLineResult"] = "import_line_result",
        ["ImportStreamLine"] = "import_stream_line",
        ["ImportProgressReport"] = "import_progress",
        ["RingActionItem"] = "ring_action",
        ["FraudRingSummary"] = "fraud_ring_summary",
        ["FraudRingListResponse"] = "fraud_ring_list_response",
        ["FraudRingEvidence"] = "fraud_ring_evidence",
        ["FraudRingRisk"] = "fraud_ring_risk",
        ["FraudRingResponse"] = "fraud_ring_response",
        ["CampaignSummary"] = "campaign_summary",
        ["CampaignListResponse"] = "campaign_list_response",
        ["CampaignResponse"] = "campaign_response",
        ["RiskModelResponse"] = "risk_model",
        ["RiskModelLabelCounts"] = "risk_model/properties/labels",
        ["RiskModelSlice"] = "risk_model_slice",
        ["RiskModelBands"] = "risk_model/properties/bands",
        ["RiskModelBandMetrics"] = "risk_model_band_metrics",
        ["RiskModelFeatureImportance"] = "risk_model/properties/feature_importances/items",
    };

    private static readonly Dictionary<string, string> EnumSchemas = new(StringComparer.Ordinal)
    {
        ["RecommendationType"] = "recommendation_type",
        ["ResultType"] = "result_type",
        ["ChallengeType"] = "challenge_type",
        ["RuleRecommendationType"] = "rule_recommendation_type",
        ["RuleMode"] = "rule_mode",
        ["TransactionType"] = "transaction_type",
        ["TransactionMethod"] = "transaction_method",
        ["AvsMatchLevel"] = "avs_match_level",
        ["ClaimedUserIdType"] = "claimed_user_id_type",
        ["LabelType"] = "label_type",
        ["LabelSubjectType"] = "label_subject_type",
        ["LabelRecommendationFilter"] = "label_recommendation_filter",
        ["LabelUseCase"] = "label_use_case",
        ["LabelSource"] = "label_source",
        ["LabelPropagationState"] = "label_propagation_state",
        ["RavelinCategory"] = "ravelin_category",
        ["RavelinResponseCategory"] = "ravelin_response_category",
        ["RavelinReview"] = "ravelin_review",
        ["DataDomeDecision"] = "datadome_decision",
        ["DataDomeOrigin"] = "datadome_origin",
        ["LithicFraudStatus"] = "lithic_fraud_status",
        ["LithicFraudType"] = "lithic_fraud_type",
        ["ImportLineType"] = "import_line_type",
    };

    private readonly OpenApiSpec _spec = OpenApiSpec.Load();

    public static TheoryData<Type> ObjectTypes => new(WireTypes().Where(t => !t.IsEnum));

    public static TheoryData<Type> EnumTypes => new(WireTypes().Where(t => t.IsEnum));

    [Fact]
    public void ContractTypes_EveryTypeOnTheWireHasASchema()
    {
        var unmapped = WireTypes().Where(t => !(t.IsEnum ? EnumSchemas : ObjectSchemas).ContainsKey(t.Name)).Select(t => t.Name).ToArray();

        Assert.True(
            unmapped.Length == 0,
            "Contract types without a schema: " + string.Join(", ", unmapped)
            + ". Describe each in functions/RiskFunctions.Functions/OpenApi/riskfunctions.openapi.json and map it in this test.");
    }

    [Theory]
    [MemberData(nameof(ObjectTypes))]
    public void Schema_ObjectType_HasTheSameFieldsAndJsonTypes(Type type)
    {
        var typeInfo = RiskJsonContext.Default.GetTypeInfo(type)!;
        var schemaProperties = _spec.PropertiesOf(_spec.Resolve(Schemas + ObjectSchemas[type.Name]));

        Assert.Equal(
            schemaProperties.Keys.Order(StringComparer.Ordinal),
            typeInfo.Properties.Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var property in typeInfo.Properties)
        {
            var schema = _spec.Deref(schemaProperties[property.Name]);
            Assert.True(
                Compatible(property.PropertyType, property, schema),
                $"{type.Name}.{property.Name} is {property.PropertyType.Name} but the document says {schema.ToJsonString()}");
        }
    }

    [Theory]
    [MemberData(nameof(EnumTypes))]
    public void Schema_EnumType_ListsExactlyTheWireSpellings(Type type)
    {
        var schema = _spec.Resolve(Schemas + EnumSchemas[type.Name]);
        var names = (IReadOnlyList<string>)typeof(RiskFunctions.Domain.Contract.Serialization.WireEnum<>).MakeGenericType(type)
            .GetProperty("Names")!.GetValue(null)!;

        Assert.Equal(names, schema["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    private bool Compatible(Type clr, JsonPropertyInfo property, JsonObject schema)
    {
        var type = Nullable.GetUnderlyingType(clr) ?? clr;
        var jsonType = schema["type"]?.GetValue<string>() ?? (schema["oneOf"] is not null ? "object" : null);
        if (type.IsEnum)
        {
            return schema["enum"] is not null && jsonType == "string";
        }

        if (property.CustomConverter is not null && type == typeof(DateTimeOffset))
        {
            return jsonType == "string" && schema["format"]?.GetValue<string>() == "date-time";
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.String => jsonType == "string",
            TypeCode.Boolean => jsonType == "boolean",
            // Every integer is a JSON number; the seed types epoch milliseconds as number.
            TypeCode.Int32 or TypeCode.Int64 => jsonType is "integer" or "number",
            TypeCode.Double or TypeCode.Decimal => jsonType == "number",
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) =>
                jsonType == "object" && schema["additionalProperties"] is not null,
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) =>
                jsonType == "array" && Compatible(type.GetGenericArguments()[0], property, _spec.Deref(schema["items"]!.AsObject())),
            _ => jsonType == "object" || schema["properties"] is not null || schema["allOf"] is not null,
        };
    }

    /// <summary>Every object and enum type reachable from the serialization context's roots.</summary>
    private static HashSet<Type> WireTypes()
    {
        var reachable = new HashSet<Type>();
        foreach (var root in RootTypes())
        {
            Walk(RiskJsonContext.Default.GetTypeInfo(root)!, reachable);
        }

        return reachable;
    }

    private static IEnumerable<Type> RootTypes() => typeof(RiskJsonContext).CustomAttributes
        .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
        .Select(a => (Type)a.ConstructorArguments[0].Value!);

    private static void Walk(JsonTypeInfo info, HashSet<Type> seen)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element)
        {
            Next(info, element, seen);
            return;
        }

        if (!(type.IsEnum || info.Kind == JsonTypeInfoKind.Object) || !seen.Add(type))
        {
            return;
        }

        foreach (var property in info.Kind == JsonTypeInfoKind.Object ? info.Properties : [])
        {
            Next(info, property.PropertyType, seen);
        }
    }

    private static void Next(JsonTypeInfo parent, Type type, HashSet<Type> seen)
    {
        if (parent.Options.TryGetTypeInfo(Nullable.GetUnderlyingType(type) ?? type, out var info))
        {
            Walk(info, seen);
        }
    }
}
