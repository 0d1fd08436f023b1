using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Errors;

namespace RiskFunctions.Domain.Contract.Import;

/// <summary>
/// One line of the streamed answer of <c>POST /import/actions</c> (<c>Accept: application/x-ndjson</c>): exactly one of
/// its fields is set. Progress lines come while the batch is applied; then one result line per applied line, in line
/// order; then the last line, <see cref="Imported"/> when every line was applied or <see cref="Error"/> when one failed.
/// </summary>
public sealed record ImportStreamLine
{
    [JsonPropertyName("progress")]
    public ImportProgressReport? Progress { get; init; }

    [JsonPropertyName("result")]
    public ImportLineResult? Result { get; init; }

    /// <summary>The last line of a complete import: how many lines were applied.</summary>
    [JsonPropertyName("imported")]
    public int? Imported { get; init; }

    /// <summary>The last line of an import that stopped at a line: the common error body (the result lines before it are the lines that were applied).</summary>
    [JsonPropertyName("error")]
    public ErrorResponse? Error { get; init; }
}

/// <summary>How far an import is.</summary>
public sealed record ImportProgressReport
{
    /// <summary>Lines applied so far.</summary>
    [JsonPropertyName("done")]
    public required int Done { get; init; }

    /// <summary>Lines the batch has (blank lines are not counted).</summary>
    [JsonPropertyName("total")]
    public required int Total { get; init; }

    /// <summary>Lines applied per second since the batch started being applied.</summary>
    [JsonPropertyName("events_per_second")]
    public required double EventsPerSecond { get; init; }
}
