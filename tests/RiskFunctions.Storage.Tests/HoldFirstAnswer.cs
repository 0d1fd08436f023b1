using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Storage.Tests;

/// <summary>Once armed, lets the first matching request reach storage and holds its answer until released.</summary>
internal sealed class HoldFirstAnswer(Func<Request, bool> matches) : HttpPipelinePolicy
{
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state; // 0 idle, 1 armed, 2 holding or done

    /// <summary>Holds the first point read of a row keyed <paramref name="rowKey"/> (in any partition).</summary>
    public static HoldFirstAnswer PointReadOf(string rowKey) => new(request =>
        request.Method == RequestMethod.Get
        && Uri.UnescapeDataString(request.Uri.ToUri().AbsolutePath).Contains($"RowKey='{rowKey.Replace("'", "''", StringComparison.Ordinal)}'", StringComparison.Ordinal));

    /// <summary>Storage answered the held request.</summary>
    public Task Answered => _answered.Task;

    public void Arm() => Interlocked.CompareExchange(ref _state, 1, 0);

    public void Release() => _released.TrySetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var hold = matches(message.Request) && Interlocked.CompareExchange(ref _state, 2, 1) == 1;
        await ProcessNextAsync(message, pipeline);
        if (hold)
        {
            _answered.TrySetResult();
            await _released.Task;
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
}
