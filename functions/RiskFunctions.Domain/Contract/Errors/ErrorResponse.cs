using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Errors;

/// <summary>
/// The error body of every <c>/risk/v1</c> endpoint: one message per problem, each naming the field and what
/// is wrong with it (<c>"subject.type: is required"</c>), and the HTTP status repeated as <c>error_code</c>.
/// </summary>
public sealed record ErrorResponse
{
    [JsonPropertyName("message")]
    public required IReadOnlyList<string> Message { get; init; }

    [JsonPropertyName("error_code")]
    public required int ErrorCode { get; init; }
}
