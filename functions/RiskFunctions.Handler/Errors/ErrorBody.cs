using System.Text.Json.Serialization;

namespace RiskFunctions.Handler.Errors;

/// <summary>
/// The error body of every risk API endpoint: <c>{"message": ["field: what is wrong", ...], "error_code": 400}</c>.
/// Each message names the offending field (or <c>body</c>, <c>query</c>, <c>path</c>, ...) first, so a
/// client can map it back to its own input.
/// </summary>
public sealed record ErrorBody(
    [property: JsonPropertyName("message")] IReadOnlyList<string> Message,
    [property: JsonPropertyName("error_code")] int ErrorCode);
