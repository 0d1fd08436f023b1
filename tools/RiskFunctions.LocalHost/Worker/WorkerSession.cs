using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using RiskFunctions.LocalHost.Functions;

namespace RiskFunctions.LocalHost.Worker;

/// <summary>
/// The host's start-up conversation with a connected worker: init (learning the worker's HTTP endpoint), function
/// metadata (worker indexing), then one load per function.
/// </summary>
internal static class WorkerSession
{
    public const string HostVersion = "4.1037.0-local";

    public static async Task<(Uri? HttpUri, IReadOnlyList<LoadedFunction> Functions)> InitializeAsync(
        WorkerChannel channel, string appDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var init = new WorkerInitRequest
        {
            HostVersion = HostVersion,
            WorkerDirectory = appDirectory,
            FunctionAppDirectory = appDirectory,
        };
        init.Capabilities.Add("MultiStream", "10");
        var initResponse = (await channel.RequestAsync(new StreamingMessage { WorkerInitRequest = init }, timeout, cancellationToken))
            .WorkerInitResponse ?? throw new InvalidOperationException("The worker did not answer WorkerInitRequest.");
        EnsureSuccess(initResponse.Result, "initialise");
        var httpUri = initResponse.Capabilities.TryGetValue("HttpUri", out var uri) && uri.Length > 0 ? new Uri(uri) : null;

        var metadata = (await channel.RequestAsync(
                new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } },
                timeout,
                cancellationToken))
            .FunctionMetadataResponse ?? throw new InvalidOperationException("The worker did not answer FunctionsMetadataRequest.");
        EnsureSuccess(metadata.Result, "index its functions");
        if (metadata.UseDefaultMetadataIndexing)
        {
            throw new InvalidOperationException("The worker asked for host indexing, which this host does not do; enable worker indexing.");
        }

        var functions = new List<LoadedFunction>();
        foreach (var function in metadata.FunctionMetadataResults)
        {
            var load = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function };
            var loaded = (await channel.RequestAsync(new StreamingMessage { FunctionLoadRequest = load }, timeout, cancellationToken))
                .FunctionLoadResponse ?? throw new InvalidOperationException($"The worker did not answer the load of {function.Name}.");
            EnsureSuccess(loaded.Result, $"load {function.Name}");

            var bindings = function.RawBindings.Select(FunctionBinding.Parse).ToList();
            var trigger = bindings.FirstOrDefault(b => b.IsTrigger)
                ?? throw new InvalidOperationException($"Function {function.Name} has no trigger binding.");
            functions.Add(new LoadedFunction(function.Name, function.FunctionId, trigger, bindings));
        }

        return (httpUri, functions);
    }

    private static void EnsureSuccess(StatusResult? result, string step)
    {
        if (result is not null && result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException(
                $"The worker failed to {step}: {result.Exception?.Message ?? result.Result}{Environment.NewLine}{result.Exception?.StackTrace}");
        }
    }
}
