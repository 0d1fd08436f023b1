using System.Text.Json.Serialization;

namespace RiskFunctions.Handler.Security;

/// <summary>Error answers written by the security pipeline (401, 403, 429, 463), in the API's error body.</summary>
internal static class SecurityErrors
{
    public static IResult Create(int statusCode, params string[] messages) =>
        Results.Json(new SecurityErrorBody(messages, statusCode), SecurityJsonContext.Default.SecurityErrorBody, "application/json", statusCode);
}

internal sealed record SecurityErrorBody(
    [property: JsonPropertyName("message")] IReadOnlyList<string> Message,
    [property: JsonPropertyName("error_code")] int ErrorCode);
