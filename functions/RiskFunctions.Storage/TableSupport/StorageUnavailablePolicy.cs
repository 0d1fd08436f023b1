using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Storage.TableSupport;

/// <summary>
/// Runs once per call, around the retries: when they end without an answer (transport failures, timeouts, the
/// budget spent) or with a 503, the call fails with one <see cref="StorageUnavailableException"/> instead of the
/// mix of <see cref="RequestFailedException"/>, <see cref="AggregateException"/> and
/// <see cref="TaskCanceledException"/> Azure.Core would raise. The caller's own cancellation passes unchanged.
/// </summary>
internal sealed class StorageUnavailablePolicy : HttpPipelinePolicy
{
    public static StorageUnavailablePolicy Instance { get; } = new();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception exception) when (IsUnavailable(message, exception))
        {
            throw Unavailable(message, exception);
        }

        ThrowIfServiceUnavailable(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsUnavailable(message, exception))
        {
            throw Unavailable(message, exception);
        }

        ThrowIfServiceUnavailable(message);
    }

    private static bool IsUnavailable(HttpMessage message, Exception exception) => exception switch
    {
        StorageUnavailableException => false,
        OperationCanceledException => !message.CancellationToken.IsCancellationRequested,
        RequestFailedException failed => failed.Status == 0,
        AggregateException aggregate => aggregate.InnerExceptions.All(inner => IsUnavailable(message, inner)),
        HttpRequestException or IOException => true,
        _ => false,
    };

    private static StorageUnavailableException Unavailable(HttpMessage message, Exception exception) => new(
        $"Table storage did not answer {message.Request.Method} {message.Request.Uri.Path} in time: {Innermost(exception).Message}",
        exception);

    private static void ThrowIfServiceUnavailable(HttpMessage message)
    {
        if (message.HasResponse && message.Response.Status == 503)
        {
            throw new StorageUnavailableException(
                503, $"Table storage answered 503 to {message.Request.Method} {message.Request.Uri.Path} after retries.", null);
        }
    }

    private static Exception Innermost(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Innermost(aggregate.InnerExceptions[^1]),
        { InnerException: { } inner } => Innermost(inner),
        _ => exception,
    };
}
