using System.Net;
using System.Text.Json;

namespace RiskFunctions.Testing.Host;

/// <summary>
/// What the host makes of the handler's answer to an envelope: success only for 2xx with a JSON
/// content type and a non-empty body that parses as JSON; anything else fails the invocation.
/// </summary>
public sealed record InvocationOutcome(bool Succeeded, HttpStatusCode StatusCode, string Body, string? FailureReason)
{
    /// <summary>The <c>Logs</c> of a successful reply.</summary>
    public IReadOnlyList<string> Logs => Reply is { } reply && reply.TryGetProperty("Logs", out var logs) && logs.ValueKind == JsonValueKind.Array
        ? [.. logs.EnumerateArray().Select(l => l.ToString())]
        : [];

    /// <summary>The parsed reply of a successful invocation.</summary>
    public JsonElement? Reply { get; init; }

    /// <summary>Applies the host's reply rules to a response.</summary>
    public static async Task<InvocationOutcome> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            return new InvocationOutcome(false, status, body, $"the handler answered {(int)status}");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            // The real host never completes such an invocation: it waits for the function timeout.
            return new InvocationOutcome(false, status, body, "2xx with an empty body: the host would wait until functionTimeout");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not ("application/json" or "text/json"))
        {
            return new InvocationOutcome(false, status, body, $"2xx with content type '{mediaType}': the host cannot read it as JSON");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return new InvocationOutcome(true, status, body, null) { Reply = document.RootElement.Clone() };
        }
        catch (JsonException exception)
        {
            return new InvocationOutcome(false, status, body, "2xx with a body that is not JSON: " + exception.Message);
        }
    }
}
