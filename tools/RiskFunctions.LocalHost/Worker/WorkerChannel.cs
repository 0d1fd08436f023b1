using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.Logging;

namespace RiskFunctions.LocalHost.Worker;

/// <summary>
/// The host's end of one worker's <c>FunctionRpc.EventStream</c>: accepts the stream that starts with the expected
/// <c>StartStream</c>, serialises outgoing messages through one writer, and matches responses to requests
/// (by request id for init, metadata and load; by invocation id for invocations).
/// </summary>
internal sealed class WorkerChannel(string workerId, ILogger logger)
{
    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _requests = new();
    private readonly ConcurrentDictionary<string, PendingInvocation> _invocations = new();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _streamTaken;

    public string WorkerId { get; } = workerId;

    /// <summary>Receives the worker's logs; set before the worker starts.</summary>
    public WorkerLogForwarder? Logs { get; set; }

    /// <summary>Completes when the worker has opened its stream.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Completes when the stream has ended.</summary>
    public Task Closed => _closed.Task;

    /// <summary>The function name of a running invocation, for log categories.</summary>
    public string? FunctionNameOf(string invocationId) =>
        _invocations.TryGetValue(invocationId, out var pending) ? pending.FunctionName : null;

    public async Task RunStreamAsync(
        IAsyncStreamReader<StreamingMessage> incoming, IServerStreamWriter<StreamingMessage> outgoing, CancellationToken cancellationToken)
    {
        if (!await incoming.MoveNext(cancellationToken)
            || incoming.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream
            || incoming.Current.StartStream.WorkerId != WorkerId
            || Interlocked.Exchange(ref _streamTaken, 1) != 0)
        {
            logger.LogWarning("Rejected an event stream that did not start with StartStream for worker {WorkerId}", WorkerId);
            return;
        }

        _connected.TrySetResult();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = WriteAllAsync(outgoing, stop.Token);
        try
        {
            while (await incoming.MoveNext(cancellationToken))
            {
                Dispatch(incoming.Current);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or Grpc.Core.RpcException)
        {
            logger.LogDebug(ex, "Event stream of worker {WorkerId} ended", WorkerId);
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
            FailPending();
            _closed.TrySetResult();
        }
    }

    /// <summary>Sends a request and waits for the response carrying the same request id.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        request.RequestId = Guid.NewGuid().ToString();
        var response = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[request.RequestId] = response;
        try
        {
            Send(request);
            return await response.Task.WaitAsync(timeout, cancellationToken);
        }
        finally
        {
            _requests.TryRemove(request.RequestId, out _);
        }
    }

    /// <summary>
    /// Sends an invocation and waits for its response. Cancelling (a client gone, a lock lost) asks the worker to
    /// cancel the invocation and stops waiting for it.
    /// </summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, string functionName, CancellationToken cancellationToken = default)
    {
        // The worker reads the trace context unconditionally; the host always sends one.
        request.TraceContext ??= new RpcTraceContext { TraceParent = TraceParent() };
        var pending = new PendingInvocation(functionName);
        _invocations[request.InvocationId] = pending;
        try
        {
            Send(new StreamingMessage { InvocationRequest = request });
            return await pending.Response.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Send(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = request.InvocationId } });
            throw;
        }
        finally
        {
            _invocations.TryRemove(request.InvocationId, out _);
        }
    }

    /// <summary>Tells the worker to shut down (it handles WorkerTerminate by stopping its host).</summary>
    public void Terminate(TimeSpan gracePeriod) =>
        Send(new StreamingMessage
        {
            WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(gracePeriod) },
        });

    private static string TraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id }
            ? id
            : $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-00";

    private void Send(StreamingMessage message)
    {
        if (_closed.Task.IsCompleted || !_outbound.Writer.TryWrite(message))
        {
            throw new WorkerUnavailableException("The worker's event stream is closed.");
        }
    }

    private async Task WriteAllAsync(IServerStreamWriter<StreamingMessage> outgoing, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken))
            {
                await outgoing.WriteAsync(message, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The stream is gone; the reader side reports it.
        }
    }

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                Logs?.Forward(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (_invocations.TryGetValue(message.InvocationResponse.InvocationId, out var pending))
                {
                    pending.Response.TrySetResult(message.InvocationResponse);
                }

                break;
            default:
                if (_requests.TryGetValue(message.RequestId, out var request))
                {
                    request.TrySetResult(message);
                }
                else
                {
                    logger.LogDebug("Ignored {MessageType} from worker {WorkerId}", message.ContentCase, WorkerId);
                }

                break;
        }
    }

    private void FailPending()
    {
        _outbound.Writer.TryComplete();
        var closed = new WorkerUnavailableException("The worker's event stream closed before it answered.");
        foreach (var request in _requests.Values)
        {
            request.TrySetException(closed);
        }

        foreach (var invocation in _invocations.Values)
        {
            invocation.Response.TrySetException(closed);
        }
    }

    private sealed class PendingInvocation(string functionName)
    {
        public string FunctionName { get; } = functionName;

        public TaskCompletionSource<InvocationResponse> Response { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
