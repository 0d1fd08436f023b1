using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Dialects.DataDome;
using RiskFunctions.Domain.Contract.Dialects.Lithic;
using RiskFunctions.Domain.Contract.Dialects.Ravelin;
using RiskFunctions.Domain.Contract.Errors;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Contract.Tokens;
using RiskFunctions.Domain.Contract.Transactions;

namespace RiskFunctions.Handler.Tests.OpenApi;

/// <summary>The document and the contract types describe the same wire: same fields, same JSON types, same enum spellings.</summary>
public sealed class OpenApiContractTests
{
    private const string Schemas = "#/components/schemas/";

    private static readonly Dictionary<Type, string> ObjectSchemas = new()
    {
        [typeof(RecommendationFull)] = "recommendation_full",
        [typeof(Recommendation)] = "recommendation",
        [typeof(RecommendationContext)] = "recommendation_full/properties/context",
        [typeof(RiskSignals)] = "risk_signals",
        [typeof(DeviceSignals)] = "risk_signals/properties/device",
        [typeof(NetworkSignals)] = "risk_signals/properties/network",
        [typeof(BehaviorSignals)] = "risk_signals/properties/behavior",
        [typeof(HistorySignals)] = "risk_signals/properties/history",
        [typeof(PreviewRule)] = "preview_rule",
        [typeof(Rule)] = "rule",
        [typeof(Matcher)] = "matcher",
        [typeof(RuleListItem)] = "get_all_response/properties/data/items",
        [typeof(CreateRuleResponse)] = "create_rule_response",
        [typeof(GetAllRulesResponse)] = "get_all_response",
        [typeof(GetRuleResponse)] = "get_rule_response",
        [typeof(UpdateDeleteRuleResponse)] = "update_delete_rule_response",
        [typeof(TransactionData)] = "transaction_data",
        [typeof(TransactionPayer)] = "transaction_payer",
        [typeof(TransactionPayee)] = "transaction_payee",
        [typeof(TransactionCard)] = "transaction_card",
        [typeof(TransactionAddress)] = "transaction_address",
        [typeof(TransactionProduct)] = "transaction_product",
        [typeof(TransactionPurchase)] = "transaction_purchase",
        [typeof(TransactionAvs)] = "transaction_avs",
        [typeof(TriggerActionRequest)] = "trigger_action_request",
        [typeof(TriggerActionContext)] = "trigger_action_context",
        [typeof(ClientRiskSignals)] = "client_risk_signals",
        [typeof(TriggerActionResponse)] = "trigger_action_response",
        [typeof(ActionResultRequest)] = "action_result_request",
        [typeof(ActionResultResponse)] = "action_result_response",
        [typeof(LabelRequest)] = "label_request",
        [typeof(LabelSubject)] = "label_subject",
        [typeof(SavedLabel)] = "saved_label",
        [typeof(LabelResponse)] = "label_response",
        [typeof(LabelStatusResponse)] = "label_status_response",
        [typeof(TokenResponse)] = "token_response",
        [typeof(OAuthErrorResponse)] = "oauth_error",
        [typeof(ErrorResponse)] = "error",
        [typeof(RavelinLabelRequest)] = "ravelin_label_request",
        [typeof(RavelinReviewer)] = "ravelin_reviewer",
        [typeof(RavelinLabelResponse)] = "ravelin_label_response",
        [typeof(RavelinErrorResponse)] = "ravelin_error",
        [typeof(DataDomeFeedbackRequest)] = "datadome_feedback_request",
        [typeof(DataDomeFeedbackResponse)] = "datadome_feedback_response",
        [typeof(DataDomeErrorResponse)] = "datadome_error",
        [typeof(DataDomeFieldError)] = "datadome_error/properties/errors/items",
        [typeof(LithicFraudReportRequest)] = "lithic_fraud_report_request",
        [typeof(LithicFraudReport)] = "lithic_fraud_report",
        [typeof(LithicErrorResponse)] = "lithic_error",
    };

    private static readonly Dictionary<Type, string> EnumSchemas = new()
    {
        [typeof(RecommendationType)] = "recommendation_type",
        [typeof(ResultType)] = "result_type",
        [typeof(ChallengeType)] = "challenge_type",
        [typeof(RuleRecommendationType)] = "rule_recommendation_type",
        [typeof(RuleMode)] = "rule_mode",
        [typeof(TransactionType)] = "transaction_type",
        [typeof(TransactionMethod)] = "transaction_method",
        [typeof(AvsMatchLevel)] = "avs_match_level",
        [typeof(ClaimedUserIdType)] = "claimed_user_id_type",
        [typeof(LabelType)] = "label_type",
        [typeof(LabelSubjectType)] = "label_subject_type",
        [typeof(LabelRecommendationFilter)] = "label_recommendation_filter",
        [typeof(LabelUseCase)] = "label_use_case",
        [typeof(LabelSource)] = "label_source",
        [typeof(LabelPropagationState)] = "label_propagation_state",
        [typeof(RavelinCategory)] = "ravelin_category",
        [typeof(RavelinResponseCategory)] = "ravelin_response_category",
        [typeof(RavelinReview)] = "ravelin_review",
        [typeof(DataDomeDecision)] = "datadome_decision",
        [typeof(DataDomeOrigin)] = "datadome_origin",
        [typeof(LithicFraudStatus)] = "lithic_fraud_status",
        [typeof(LithicFraudType)] = "lithic_fraud_type",
    };

    private readonly OpenApiSpec _spec = OpenApiSpec.Load();

    public static TheoryData<Type> ObjectTypes => new(ObjectSchemas.Keys);

    public static TheoryData<Type> EnumTypes => new(EnumSchemas.Keys);

    [Fact]
    public void ContractTypes_EveryTypeOnTheWireHasASchema()
    {
        var reachable = new HashSet<Type>();
        foreach (var root in RootTypes())
        {
            Walk(RiskJsonContext.Default.GetTypeInfo(root)!, reachable);
        }

        var unmapped = reachable.Where(t => !ObjectSchemas.ContainsKey(t) && !EnumSchemas.ContainsKey(t)).Select(t => t.Name);

        Assert.Empty(unmapped);
    }

    [Theory]
    [MemberData(nameof(ObjectTypes))]
    public void Schema_ObjectType_HasTheSameFieldsAndJsonTypes(Type type)
    {
        var typeInfo = RiskJsonContext.Default.GetTypeInfo(type)!;
        var schemaProperties = _spec.PropertiesOf(_spec.Resolve(Schemas + ObjectSchemas[type]));

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
        var schema = _spec.Resolve(Schemas + EnumSchemas[type]);
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
