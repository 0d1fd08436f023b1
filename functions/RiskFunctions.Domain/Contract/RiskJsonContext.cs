using System.Text.Json;
using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Dialects.DataDome;
using RiskFunctions.Domain.Contract.Dialects.Lithic;
using RiskFunctions.Domain.Contract.Dialects.Ravelin;
using RiskFunctions.Domain.Contract.Errors;
using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Contract.Models;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Contract.Rings;
using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Contract.Tokens;

namespace RiskFunctions.Domain.Contract;

/// <summary>
/// Source-generated serialization for every wire type (Native AOT and trimming friendly). Serialize and
/// deserialize contract types only through this context, e.g. <c>RiskJsonContext.Default.LabelRequest</c>.
/// </summary>
/// <remarks>
/// The options are strict on input, because a lenient reader turns client mistakes into silently wrong data:
/// numbers must be JSON numbers (<c>"10"</c> is not a priority), duplicate keys, comments and trailing commas
/// are rejected, <c>null</c> is refused where the contract has no null (string arrays included, see
/// <see cref="StringListConverter"/>; arrays of objects are not covered, so validators check their items with
/// <c>ValidationResult.NoNullItems</c>), and nesting is capped well below the default. On output, unset optional fields are omitted; the few fields the contract declares nullable are
/// written as <c>null</c> explicitly on their property.
/// </remarks>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    PropertyNameCaseInsensitive = false,
    MaxDepth = MaxDepth,
    Converters = [typeof(StringListConverter)])]
// Actions
[JsonSerializable(typeof(TriggerActionRequest))]
[JsonSerializable(typeof(TriggerActionResponse))]
[JsonSerializable(typeof(ActionResultRequest))]
[JsonSerializable(typeof(ActionResultResponse))]
// Historical import (one ImportLine per NDJSON line)
[JsonSerializable(typeof(ImportLine))]
[JsonSerializable(typeof(ImportResponse))]
[JsonSerializable(typeof(ImportStreamLine))]
// Recommendations
[JsonSerializable(typeof(RecommendationFull))]
// Rules
[JsonSerializable(typeof(Rule))]
[JsonSerializable(typeof(RuleRequest))]
[JsonSerializable(typeof(CreateRuleResponse))]
[JsonSerializable(typeof(GetAllRulesResponse))]
[JsonSerializable(typeof(GetRuleResponse))]
[JsonSerializable(typeof(UpdateDeleteRuleResponse))]
[JsonSerializable(typeof(GetRuleHitsResponse))]
// Labels
[JsonSerializable(typeof(LabelRequest))]
[JsonSerializable(typeof(LabelResponse))]
[JsonSerializable(typeof(LabelStatusResponse))]
// Fraud rings and campaigns
[JsonSerializable(typeof(FraudRingListResponse))]
[JsonSerializable(typeof(FraudRingResponse))]
[JsonSerializable(typeof(CampaignListResponse))]
[JsonSerializable(typeof(CampaignResponse))]
// Learned models
[JsonSerializable(typeof(RiskModelResponse))]
// Tokens and errors
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(OAuthErrorResponse))]
[JsonSerializable(typeof(ErrorResponse))]
// Dialects
[JsonSerializable(typeof(RavelinLabelRequest))]
[JsonSerializable(typeof(RavelinLabelResponse))]
[JsonSerializable(typeof(RavelinErrorResponse))]
[JsonSerializable(typeof(DataDomeFeedbackRequest))]
[JsonSerializable(typeof(DataDomeFeedbackResponse))]
[JsonSerializable(typeof(DataDomeErrorResponse))]
[JsonSerializable(typeof(LithicFraudReportRequest))]
[JsonSerializable(typeof(LithicFraudReport))]
[JsonSerializable(typeof(LithicErrorResponse))]
public sealed partial class RiskJsonContext : JsonSerializerContext
{
    /// <summary>Deepest nesting accepted; the deepest contract document (a purchase's products) needs 5.</summary>
    public const int MaxDepth = 16;
}
