using Microsoft.Azure.Functions.Worker.Builder;
using RiskFunctions.Functions.Pipeline;

namespace RiskFunctions.Functions;

/// <summary>The worker's entry point: the features' services, then the HTTP pipeline declared on each function.</summary>
internal static class Program
{
    private static async Task Main(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.AddRiskServices();
        builder.UseRiskHttpPipeline();
        using var host = builder.Build();
        await host.RunAsync();
    }
}
