using Azure;

namespace RiskFunctions.Storage.Idempotency;

/// <summary>What a request presenting an idempotency key may do.</summary>
public enum IdempotencyOutcome
{
    /// <summary>This request owns the key: run it, then complete or release the claim.</summary>
    Acquired,

    /// <summary>The key's first request finished: answer with its stored response.</summary>
    Replay,

    /// <summary>The key's first request is still running (its lease has not expired): answer 409.</summary>
    InProgress,

    /// <summary>The key was used for a different request: answer 422.</summary>
    KeyReused,
}

/// <summary>A stored answer to replay.</summary>
/// <param name="StatusCode">The HTTP status of the first answer.</param>
/// <param name="ContentType">Its content type, if it had a body.</param>
/// <param name="Body">Its body.</param>
/// <param name="ETag">
/// Its <c>ETag</c> header, if it had one: the version of what the first request created, which a replay names too (a
/// client that sends it back in <c>If-Match</c> after a change made since is refused, as it would be with the first answer).
/// </param>
public sealed record IdempotentResponse(int StatusCode, string? ContentType, ReadOnlyMemory<byte> Body, string? ETag = null);

/// <summary>The result of claiming a key (<see cref="IdempotencyStore.ClaimAsync"/>).</summary>
public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, IdempotentResponse? Response, string PartitionKey, ETag ETag);
