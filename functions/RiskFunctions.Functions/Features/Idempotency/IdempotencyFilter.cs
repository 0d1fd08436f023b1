using System.Security.Cryptography;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Json;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.Idempotency;

namespace RiskFunctions.Functions.Features.Idempotency;

/// <summary>
/// Makes a POST endpoint idempotent under the <c>Idempotency-Key</c> header: the first request with a key runs
/// and its 2xx answer is stored; a retry with the same key and body gets that answer again (marked
/// <c>Idempotent-Replayed: true</c>) and changes nothing; the same key with another body is 422; a retry
/// while the first request still runs is 409. Failed requests (non-2xx) keep nothing, so a retry runs again.
/// Without the header the endpoint runs as usual.
/// </summary>
internal sealed class IdempotencyFilter(string operation) : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return await next(context);
        }

        if (values.Count != 1 || !IsValidKey(values[0]))
        {
            return ApiError.BadRequest(HeaderName, $"must be one value of 1 to {MaxKeyLength} visible ASCII characters (no spaces)");
        }

        var requestHash = await HashRequestAsync(http.Request, http.RequestAborted);
        if (requestHash is null)
        {
            // Too large to be accepted anyway: the endpoint answers its own error and stores nothing.
            return await next(context);
        }

        var key = values[0]!;
        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var claim = await store.ClaimAsync(http.User.GetTenantId(), operation, key, requestHash, time.GetUtcNow(), http.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay:
                return new ReplayedResult(claim.Response!);
            case IdempotencyOutcome.InProgress:
                return ApiError.Conflict(HeaderName, "a request with this key is still being processed; retry later");
            case IdempotencyOutcome.KeyReused:
                return ApiError.Unprocessable(HeaderName, "was already used for a different request");
        }

        http.Features.Set(new IdempotencyKeyFeature(key));
        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }

        if (result is not IResult answer)
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
            return result;
        }

        var captured = await CaptureAsync(http, answer);
        if (captured.StatusCode is >= 200 and < 300)
        {
            await store.CompleteAsync(claim, requestHash, captured, time.GetUtcNow(), CancellationToken.None);
        }
        else
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
        }

        await http.Response.Body.WriteAsync(captured.Body, http.RequestAborted);
        return Results.Empty;
    }

    private static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is > ' ' and <= '~');

    /// <summary>SHA-256 over method, path, query and body; <c>null</c> when the body exceeds the action limit.</summary>
    private static async Task<string?> HashRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        var body = await RequestBody.ReadAsync(request, ActionLimits.MaxBodyBytes, cancellationToken);
        request.Body.Position = 0;
        if (body is null)
        {
            return null;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Concat(request.Method, " ", request.Path.Value, request.QueryString.Value, "\n")));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Runs the answer into a buffer so it can be stored before it is sent.</summary>
    private static async Task<IdempotentResponse> CaptureAsync(HttpContext http, IResult answer)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await answer.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var etag = http.Response.Headers.ETag;
        return new IdempotentResponse(http.Response.StatusCode, http.Response.ContentType, buffer.ToArray(), etag.Count == 1 ? etag[0] : null);
    }

    /// <summary>The stored first answer, sent again.</summary>
    private sealed class ReplayedResult(IdempotentResponse response) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.StatusCode;
            httpContext.Response.Headers[ReplayedHeaderName] = "true";
            if (response.ContentType is { } contentType)
            {
                httpContext.Response.ContentType = contentType;
            }

            if (response.ETag is { } etag)
            {
                httpContext.Response.Headers.ETag = etag;
            }

            return httpContext.Response.Body.WriteAsync(response.Body, httpContext.RequestAborted).AsTask();
        }
    }
}
