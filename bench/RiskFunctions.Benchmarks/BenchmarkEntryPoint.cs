using BenchmarkDotNet.Running;

namespace RiskFunctions.Benchmarks;

public static class BenchmarkEntryPoint
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntryPoint).Assembly).Run(args);
}
