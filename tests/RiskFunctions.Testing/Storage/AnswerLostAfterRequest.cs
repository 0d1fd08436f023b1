using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Testing.Storage;

/// <summary>
/// Lets the first request that <paramref name="matches"/> and succeeds be applied by storage, then fails it as a
/// timeout would: the write happened but its caller cannot know. Every other request passes through.
/// </summary>
public sealed class AnswerLostAfterRequest(Func<Request, bool> matches) : HttpPipelinePolicy
{
    private int _lost;

    /// <summary>Whether an answer was lost.</summary>
    public bool Lost => Volatile.Read(ref _lost) == 1;

    /// <summary>An insert, update or transaction sent to a table whose name ends with <paramref name="tableName"/>.</summary>
    public static Func<Request, bool> WritesTo(string tableName) => request =>
        (request.Method == RequestMethod.Post || request.Method == RequestMethod.Put || request.Method == RequestMethod.Patch)
        && request.Uri.Path.Split('/').Any(segment => segment.Split('(')[0].EndsWith(tableName, StringComparison.Ordinal));

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        LoseIfFirstMatch(message);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        LoseIfFirstMatch(message);
    }

    private void LoseIfFirstMatch(HttpMessage message)
    {
        if (message.HasResponse && !message.Response.IsError && matches(message.Request) && Interlocked.Exchange(ref _lost, 1) == 0)
        {
            throw new RequestFailedException(500, "Injected loss of the answer to an applied storage request.", "OperationTimedOut", null);
        }
    }
}
