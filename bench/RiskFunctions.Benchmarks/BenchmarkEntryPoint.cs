using BenchmarkDotNet.Running;
using RiskFunctions.Benchmarks.Actions;
using RiskFunctions.Benchmarks.Labels;
using RiskFunctions.Benchmarks.Learning;
using RiskFunctions.Benchmarks.Quality;
using RiskFunctions.Benchmarks.Rings;
using RiskFunctions.Benchmarks.Storage;

namespace RiskFunctions.Benchmarks;

public static class BenchmarkEntryPoint
{
    /// <summary>
    /// <c>storage-throughput</c> runs the storage load test, <c>action-throughput</c> the action endpoints against raw
    /// Table requests, <c>import-throughput</c> the historical import, <c>quality-replay</c> the detection-quality
    /// replay, <c>model-replay</c> the learned model against the hand-tuned one offline, <c>label-propagation</c> the
    /// label propagation load test, <c>label-relay-cost</c> one pass of the outbox relay's search over a long label
    /// history, <c>reputation-label-cost</c> a label on a reputation before and past the labels it names itself,
    /// <c>ring-maintenance-cost</c> the storage requests and time of ring and campaign maintenance per 1,000 actions, <c>fraud-report-throughput</c> the Lithic fraud
    /// report endpoints against raw Table requests; anything else goes to BenchmarkDotNet's switcher.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (args is ["label-propagation", ..])
        {
            return await LabelPropagationLoad.RunAsync(args[1..]);
        }

        if (args is ["label-relay-cost", ..])
        {
            return await LabelRelayCost.RunAsync(args[1..]);
        }

        if (args is ["reputation-label-cost", ..])
        {
            return await ReputationLabelCost.RunAsync(args[1..]);
        }

        if (args is ["ring-maintenance-cost", ..])
        {
            return await RingMaintenanceCost.RunAsync(args[1..]);
        }

        if (args is ["fraud-report-throughput", ..])
        {
            return await FraudReportThroughput.RunAsync(args[1..]);
        }

        if (args is ["action-throughput", ..])
        {
            return await ActionThroughput.RunAsync(args[1..]);
        }

        if (args is ["import-throughput", ..])
        {
            return await ImportThroughput.RunAsync(args[1..]);
        }

        if (args is ["storage-throughput", ..])
        {
            return await StorageThroughput.RunAsync(args[1..]);
        }

        if (args is ["model-replay", ..])
        {
            return await ModelReplay.RunAsync(args[1..]);
        }

        if (args is ["quality-replay", ..])
        {
            return await QualityReplay.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntryPoint).Assembly).Run(args);
        return 0;
    }
}
