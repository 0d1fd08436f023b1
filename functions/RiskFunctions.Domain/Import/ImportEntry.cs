using RiskFunctions.Domain.Contract.Import;

namespace RiskFunctions.Domain.Import;

/// <summary>One readable, structurally valid import line.</summary>
/// <param name="Line">1-based line number in the request body.</param>
/// <param name="Value">The line as read.</param>
/// <param name="OccurredAt">When it originally happened.</param>
public sealed record ImportEntry(int Line, ImportLine Value, DateTimeOffset OccurredAt)
{
    /// <summary>The wire path of this line in error messages: <c>lines[3]</c>.</summary>
    public string Path => Validation.FieldPath.Index("lines", Line);
}
