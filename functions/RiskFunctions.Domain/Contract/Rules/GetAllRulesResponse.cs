using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>
/// The tenant's rules (<c>get_all_response</c>), ordered by priority: all of them, or one page when the request asked
/// for paging.
/// </summary>
public sealed record GetAllRulesResponse
{
    [JsonPropertyName("data")]
    public required IReadOnlyList<RuleListItem> Data { get; init; }

    /// <summary>Pass as <c>cursor</c> for the next page; absent on the last page and when the request did not page.</summary>
    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }
}
