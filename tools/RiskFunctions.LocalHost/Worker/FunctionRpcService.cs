using Grpc.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace RiskFunctions.LocalHost.Worker;

/// <summary>The gRPC server side of the language worker protocol; the channel does the work.</summary>
internal sealed class FunctionRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(
        IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        channel.RunStreamAsync(requestStream, responseStream, context.CancellationToken);
}
