using System.Text.Json;
using Azure;
using Azure.Core;

namespace RiskFunctions.Storage.Tables;

/// <summary>
/// Reads the Table service's error body <c>{"odata.error":{"code":…,"message":{"value":…}}}</c> (falling back to the
/// <c>x-ms-error-code</c> header) so that <see cref="RequestFailedException.ErrorCode"/> carries the service's code.
/// </summary>
internal sealed class TableRequestFailedDetailsParser : RequestFailedDetailsParser
{
    public static TableRequestFailedDetailsParser Instance { get; } = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        error = TryParseBody(response.Content) ?? (response.Headers.TryGetValue(TableHeaders.ErrorCode, out var code)
            ? new ResponseError(code, null)
            : null);
        return error is not null;
    }

    /// <summary>The code and message of an <c>odata.error</c> body, or null if the body is something else.</summary>
    internal static ResponseError? TryParseBody(BinaryData? content)
    {
        if (content is null || content.ToMemory().IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content.ToMemory());
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("odata.error", out var odataError))
            {
                return null;
            }

            var code = odataError.TryGetProperty("code", out var codeElement) ? codeElement.GetString() : null;
            var message = odataError.TryGetProperty("message", out var messageElement)
                ? messageElement.ValueKind == JsonValueKind.Object && messageElement.TryGetProperty("value", out var value)
                    ? value.GetString()
                    : messageElement.ValueKind == JsonValueKind.String ? messageElement.GetString() : null
                : null;
            return new ResponseError(code, message);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
