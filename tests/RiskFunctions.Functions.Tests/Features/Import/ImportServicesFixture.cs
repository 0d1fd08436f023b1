using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Moq;
using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Domain.Import;
using RiskFunctions.Functions.Features.Import;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Labels.Propagation;
using RiskFunctions.Functions.Features.Labels.Transport;
using RiskFunctions.Functions.Tests.Features.Actions;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Functions.Tests.Features.Import;

/// <summary>
/// The import's services as the function app composes them (actions, labels, import) on their own tables in the shared
/// Azurite, with a request counter and a request that can be made to fail on the one table client. The propagation
/// queue is a seam: the import propagates each label itself before going on.
/// </summary>
public sealed class ImportServicesFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private IHost? _host;

    internal StorageRequestCounter Requests { get; private set; } = null!;

    internal FailingRequests FailingRequests { get; } = new();

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var prefix = _azurite.NewTablePrefix();
        Requests = new StorageRequestCounter(prefix);
        var settings = new Dictionary<string, string?>
        {
            ["Labels:Transport"] = "LocalHost",
            [LabelTriggerSettings.Queue] = "label-propagation",
            ["Labels:LocalHostAddress"] = "http://localhost:1/",
        };
        _host = await ServiceLevelHost.StartAsync(
            _azurite,
            prefix,
            settings,
            builder =>
            {
                builder.Services.AddLabels(builder.Configuration);
                builder.Services.AddImport();
                builder.Services.Replace(ServiceDescriptor.Singleton(Mock.Of<ILabelPropagationQueue>()));
            },
            Requests,
            FailingRequests);
    }

    /// <summary>Checks and applies <paramref name="lines"/> as POST /import/actions does.</summary>
    internal async Task<IReadOnlyList<ImportLineResult>> ImportAsync(string tenant, DateTimeOffset now, params JsonObject[] lines)
    {
        var body = Encoding.UTF8.GetBytes(string.Join('\n', lines.Select(line => line.ToJsonString())));
        var (steps, problems) = await Services.GetRequiredService<ImportPlanner>().PlanAsync(tenant, ImportBatchReader.Read(body, now), default);
        Assert.True(problems.IsValid, string.Join("; ", problems.Messages));
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ImportApplier>().ApplyAsync(tenant, "importer", steps, new ImportProgress(steps.Count), default);
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        await _azurite.DisposeAsync();
    }
}
