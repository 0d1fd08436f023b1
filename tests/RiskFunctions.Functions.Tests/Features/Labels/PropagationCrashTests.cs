using System.Diagnostics;
using System.Text;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.LocalHost;
using RiskFunctions.LocalHost.ServiceBus;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Labels;

/// <summary>
/// The worker process killed while a propagation message is delivered: the host goes down with it, and a restarted
/// host (same durable queue store) delivers the message again, so the label ends propagated exactly once.
/// </summary>
public sealed class PropagationCrashTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Queue = "label-propagation";

    [Fact]
    public async Task Propagation_WorkerKilledDuringDelivery_FinishesAfterTheHostRestarts()
    {
        var store = Path.Combine(Path.GetTempPath(), "risk-queue-" + Guid.NewGuid().ToString("N") + ".jsonl");
        var tables = new RiskTables(azurite.CreateServiceClient(), azurite.TablePrefix);
        await tables.EnsureCreatedAsync([.. ActionTables.All, ReputationTables.ReputationTableName, .. LabelTables.All]);
        var labels = new LabelRepository(tables);
        var tenant = TestTenant.Create();
        await AddActionAsync(tables, tenant.Id, "mallory");
        var labelId = LabelIds.New();
        Assert.NotNull(await labels.TryAddAsync(new StoredLabel
        {
            TenantId = tenant.Id,
            Label = new Label { LabelId = labelId, Type = LabelType.ConfirmedFraud, Subject = new LabelTarget(LabelSubjectType.UserId, "mallory"), LabeledAt = DateTimeOffset.UtcNow },
            StateChangedAt = DateTimeOffset.UtcNow,
        }));
        try
        {
            var first = await LocalFunctionsHost.StartAsync(await OptionsAsync(store));
            try
            {
                first.ServiceBus.Send(Queue, new QueueMessage(Encoding.UTF8.GetBytes($$"""{"tenant_id":"{{tenant.Id}}","label_id":"{{labelId}}"}"""), labelId));
                using var worker = Process.GetProcessById(first.WorkerProcessId);
                worker.Kill();
                await first.WorkerExited.WaitAsync(TimeSpan.FromSeconds(30));
            }
            finally
            {
                await first.DisposeAsync();
            }

            await using var second = await LocalFunctionsHost.StartAsync(await OptionsAsync(store));
            await second.ServiceBus.WaitForIdleAsync(Queue, TimeSpan.FromSeconds(60));
            var label = await labels.GetAsync(tenant.Id, labelId);

            Assert.Equal(LabelPropagationState.Done, label!.State);
            Assert.Equal(1, label.AffectedCount);
            Assert.Equal(0, second.ServiceBus.Queue(Queue).Counts().DeadLettered);
        }
        finally
        {
            File.Delete(store);
        }
    }

    private async Task<LocalFunctionsHostOptions> OptionsAsync(string store)
    {
        var settings = new Dictionary<string, string>(TestTokens.HandlerEnvironment, StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage__ConnectionString"] = await azurite.ConnectionStringWithBlobsAsync(),
            ["Storage__TablePrefix"] = azurite.TablePrefix,
            ["Storage__ModelContainer"] = azurite.ModelContainer,
            ["Storage__CallTimeout"] = AzuriteFixture.TestCallTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["LabelPropagationQueue"] = Queue,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        return new LocalFunctionsHostOptions
        {
            AppDirectory = FunctionAppDirectory.Path,
            SettingsFile = FunctionAppDirectory.SampleSettingsFile,
            Settings = settings,
            Port = 0,
            RunTimers = false,
            QueueStorePath = store,
            ConfigureLogging = _ => { },
        };
    }

    private static async Task AddActionAsync(RiskTables tables, string tenantId, string userId)
    {
        var action = new StoredAction
        {
            TenantId = tenantId,
            ActionToken = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ActionType = "login",
            OccurredAt = DateTimeOffset.UtcNow,
            UserId = userId,
            DeviceId = "device-of-" + userId,
            Recommendation = "ALLOW",
            RecommendationDocument = Encoding.UTF8.GetBytes("{}"),
        };
        Assert.True(await new ActionRepository(tables).TryAddAsync(action));
        await new ActionIndexRepository(tables).IndexAsync(action);
    }
}
