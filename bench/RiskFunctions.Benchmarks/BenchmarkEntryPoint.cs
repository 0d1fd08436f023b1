using BenchmarkDotNet.Running;
using RiskFunctions.Benchmarks.Storage;

namespace RiskFunctions.Benchmarks;

public static class BenchmarkEntryPoint
{
    /// <summary>
    /// <c>storage-throughput</c> runs the storage load test; anything else goes to BenchmarkDotNet's switcher.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (args is ["storage-throughput", ..])
        {
            return await StorageThroughput.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntryPoint).Assembly).Run(args);
        return 0;
    }
}
