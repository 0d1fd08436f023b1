using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Labels;

namespace RiskFunctions.Domain.Contract.Import;

/// <summary>
/// One line of <c>POST /import/actions</c> (NDJSON): a past action, result or label with the time it
/// originally happened. Only the import scope may send these; the ordinary endpoints take no time from
/// the client. Unknown fields are rejected, so a misspelt <c>occured_at</c> is an error, not a silent "now".
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ImportLine
{
    /// <summary>Required: <c>action</c>, <c>result</c> or <c>label</c>.</summary>
    [JsonPropertyName("type")]
    public ImportLineType? Type { get; init; }

    /// <summary>
    /// The caller's own id of the action (required on <c>action</c> and <c>result</c> lines; a result names the
    /// action it belongs to). The action token is derived from it, so importing the same line twice creates one
    /// action. On a <c>label</c> line: an optional id that makes the label idempotent the same way.
    /// </summary>
    [JsonPropertyName("ref")]
    public string? Ref { get; init; }

    /// <summary>Required: when it originally happened, Unix epoch milliseconds.</summary>
    [JsonPropertyName("occurred_at")]
    public long? OccurredAt { get; init; }

    /// <summary>The action (with <c>type: action</c>), exactly as trigger-action takes it.</summary>
    [JsonPropertyName("action")]
    public TriggerActionRequest? Action { get; init; }

    /// <summary>The outcome (with <c>type: result</c>), as action/result takes it but without <c>action_token</c>.</summary>
    [JsonPropertyName("result")]
    public ActionResultRequest? Result { get; init; }

    /// <summary>The label (with <c>type: label</c>), exactly as POST /label takes it.</summary>
    [JsonPropertyName("label")]
    public LabelRequest? Label { get; init; }

    /// <summary>
    /// On a <c>label</c> line whose subject is <c>ACTION_ID</c>: the <see cref="Ref"/> of the imported action it
    /// labels, in place of <c>subject.value</c> (whose token the caller cannot know).
    /// </summary>
    [JsonPropertyName("action_ref")]
    public string? ActionRef { get; init; }
}
