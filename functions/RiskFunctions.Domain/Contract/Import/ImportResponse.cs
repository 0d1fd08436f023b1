using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Recommendations;

namespace RiskFunctions.Domain.Contract.Import;

/// <summary>Answer of <c>POST /import/actions</c>: what each line became, in line order.</summary>
public sealed record ImportResponse
{
    /// <summary>Number of lines applied (blank lines are not counted).</summary>
    [JsonPropertyName("imported")]
    public required int Imported { get; init; }

    [JsonPropertyName("results")]
    public required IReadOnlyList<ImportLineResult> Results { get; init; }
}

/// <summary>The outcome of one imported line.</summary>
public sealed record ImportLineResult
{
    /// <summary>1-based line number in the request body.</summary>
    [JsonPropertyName("line")]
    public required int Line { get; init; }

    [JsonPropertyName("type")]
    public required ImportLineType Type { get; init; }

    [JsonPropertyName("ref")]
    public string? Ref { get; init; }

    /// <summary>The token of the action the line created or completed.</summary>
    [JsonPropertyName("action_token")]
    public string? ActionToken { get; init; }

    /// <summary>For action lines: the recommendation the engine gave at the original time.</summary>
    [JsonPropertyName("recommendation")]
    public RecommendationType? Recommendation { get; init; }

    /// <summary>For action lines: the risk score the engine gave at the original time.</summary>
    [JsonPropertyName("risk_score")]
    public double? RiskScore { get; init; }

    /// <summary>For label lines: the stored label's id.</summary>
    [JsonPropertyName("label_id")]
    public string? LabelId { get; init; }
}
