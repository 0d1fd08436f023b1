using System.Text.Json;

namespace RiskFunctions.Handler.Hosting.Invocations;

/// <summary>
/// What a non-HTTP function reports back. Success completes the invocation (a queue message is
/// completed); failure answers non-2xx so the host fails it (a queue message is abandoned and
/// redelivered, then dead-lettered).
/// </summary>
public sealed record InvocationResult
{
    private InvocationResult(bool succeeded, int statusCode, string? failureReason)
    {
        Succeeded = succeeded;
        StatusCode = statusCode;
        FailureReason = failureReason;
    }

    public bool Succeeded { get; }

    /// <summary>The HTTP status answered to the host.</summary>
    public int StatusCode { get; }

    /// <summary>Why the invocation failed (logged and returned in the error body); null on success.</summary>
    public string? FailureReason { get; }

    /// <summary>Output binding values by binding name (none of our functions has output bindings yet).</summary>
    public IReadOnlyDictionary<string, JsonElement> Outputs { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Lines the host adds to the invocation's own log.</summary>
    public IReadOnlyList<string> Logs { get; init; } = [];

    /// <summary>Value of a <c>$return</c> output binding.</summary>
    public JsonElement? ReturnValue { get; init; }

    public static InvocationResult Success(params IReadOnlyList<string> logs) =>
        new(true, StatusCodes.Status200OK, null) { Logs = logs };

    /// <summary>
    /// Fails the invocation. Use 503 for a dependency that is down (worth retrying) and 500 otherwise;
    /// the host treats every non-2xx the same, the status is for our logs and metrics.
    /// </summary>
    public static InvocationResult Failure(string reason, int statusCode = StatusCodes.Status500InternalServerError)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        return new(false, statusCode, reason);
    }
}
