using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>
/// The body of a create or update request: the contract's <c>rule</c>. Any other top-level field is refused while
/// reading, as in the <see cref="Matcher"/>, so that a misspelled <c>priorty</c> or a <c>Name</c> in the wrong case
/// is reported instead of silently leaving a default in its place. The properties of this type are the one list of
/// accepted fields.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RuleRequest : RuleDefinition
{
    /// <summary>
    /// The rule's id, which is not part of <c>rule</c> but of each item of the list of all rules
    /// (<see cref="RuleListItem"/>): accepted so that a listed rule can be sent back as it was read. An update
    /// refuses an id other than its path's; a create ignores it, since the service issues rule ids.
    /// </summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }
}
