using System.Net.Http.Headers;
using System.Text;
using Azure.Data.Tables;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Handler.Features.Labels;
using RiskFunctions.Handler.Hosting;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Host;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Handler.Tests.Features.Labels;

/// <summary>
/// The published handler under the host harness. The handler sends its propagation messages with the in-process
/// transport (no Service Bus broker runs here), which delivers them to the propagation handler inside the
/// handler process; <see cref="WaitForPropagationAsync"/> waits for that. The <c>LabelPropagation</c> trigger is
/// exercised as in Azure through <see cref="Queue"/>, a simulated queue that delivers messages a test puts on it
/// (redelivery, dead-lettering). The outbox relay runs when a test invokes its timer trigger. Storage is the
/// shared real Azurite.
/// </summary>
public sealed class LabelsHostFixture : IAsyncLifetime
{
    public const string QueueName = "label-propagation";

    /// <summary>Small, so that a few test actions already take several chunks and checkpoints.</summary>
    public const int PropagationChunkSize = 7;

    /// <summary>The tenant for which Ravelin's POTENTIALLY_* reviews are enabled.</summary>
    public static readonly TestTenant RavelinPotentialReviewTenant = TestTenant.Create("ravelin-potential");

    /// <summary>Bounds the wait for in-process propagation (a generous 60 s on a loaded machine); polling is not timing.</summary>
    private const int PropagationPolls = 600;

    private static readonly TimeSpan PropagationPollInterval = TimeSpan.FromMilliseconds(100);

    private readonly AzuriteFixture _azurite = new();
    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "riskfunctions-keys-" + Guid.NewGuid().ToString("N"));
    private SimulatedServiceBusQueue? _queue;

    public FunctionsHost Host { get; private set; } = null!;

    public SimulatedServiceBusQueue Queue => _queue ?? throw new InvalidOperationException("The fixture is not initialized.");

    public RiskTables Tables { get; private set; } = null!;

    public ActionRepository Actions { get; private set; } = null!;

    public ActionIndexRepository Index { get; private set; } = null!;

    public ReputationRepository Reputation { get; private set; } = null!;

    public LabelRepository Labels { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var settings = HandlerProcessFixture.TestSettings(_azurite, _keyDirectory);
        foreach (var (key, value) in TestTokens.HandlerEnvironment)
        {
            settings[key] = value;
        }

        settings["Labels__Transport"] = "InProcess";
        settings["Labels__RelayAfter"] = "00:00:01";

        // The relay runs when a test invokes its timer trigger, not on the in-process transport's own timer.
        settings["Labels__RelayInterval"] = "01:00:00";
        settings["Labels__PropagationChunkSize"] = PropagationChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Labels__RavelinPotentialReviewTenants__0"] = RavelinPotentialReviewTenant.Id;
        settings[FunctionCatalog.LabelPropagationQueueSetting] = QueueName;
        Host = await FunctionsHost.StartAsync(await FunctionAppPublisher.GetSharedAsync(), settings);
        _queue = new SimulatedServiceBusQueue(Host, FunctionCatalog.LabelPropagation);

        Tables = new RiskTables(_azurite.CreateServiceClient(), _azurite.TablePrefix);
        await Tables.EnsureCreatedAsync([.. ActionTables.All, ReputationTables.ReputationTableName, .. LabelTables.All]);
        Actions = new ActionRepository(Tables);
        Index = new ActionIndexRepository(Tables);
        Reputation = new ReputationRepository(Tables);
        Labels = new LabelRepository(Tables);
    }

    /// <summary>A client of the API, authorized for <paramref name="tenant"/> with all scopes (or those given).</summary>
    public HttpClient Client(TestTenant tenant, params string[] scopes)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = tenant.Authorization(scopes);
        return client;
    }

    /// <summary>Stores and indexes an action as trigger-action would.</summary>
    public async Task<StoredAction> AddActionAsync(string tenantId, string? userId = null, string? ip = null, string? correlationId = null, string recommendation = "ALLOW", DateTimeOffset? at = null)
    {
        var action = new StoredAction
        {
            TenantId = tenantId,
            ActionToken = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ActionType = "login",
            OccurredAt = at ?? DateTimeOffset.UtcNow,
            UserId = userId,
            Ip = ip,
            DeviceId = userId is null ? null : "device-of-" + userId,
            CorrelationId = correlationId,
            Recommendation = recommendation,
            RecommendationDocument = Encoding.UTF8.GetBytes("{}"),
        };
        Assert.True(await Actions.TryAddAsync(action));
        await Index.IndexAsync(action);
        return action;
    }

    /// <summary>Stores a pending label as the label API would, without sending its propagation message.</summary>
    public async Task<string> StoreLabelAsync(string tenantId, LabelSubjectType type, string value, LabelType labelType = LabelType.ConfirmedFraud, DateTimeOffset? labeledAt = null)
    {
        var labelId = LabelIds.New();
        var stored = new StoredLabel
        {
            TenantId = tenantId,
            Label = new Label { LabelId = labelId, Type = labelType, Subject = new LabelTarget(type, value), LabeledAt = labeledAt ?? DateTimeOffset.UtcNow },
            StateChangedAt = DateTimeOffset.UtcNow,
        };
        Assert.True(await Labels.TryAddAsync(stored));
        return labelId;
    }

    /// <summary>Every label stored for <paramref name="tenantId"/>.</summary>
    public async Task<List<TableEntity>> StoredLabelsAsync(string tenantId)
    {
        var filter = TableFilter.Create($"PartitionKey eq {TableKeyEncoder.Join(tenantId, "label")}");
        var rows = new List<TableEntity>();
        await foreach (var row in Tables.GetTable(LabelTables.LabelsTableName).QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Waits (bounded) until the handler has propagated <paramref name="labelId"/>: done or failed.</summary>
    public async Task<StoredLabel> WaitForPropagationAsync(string tenantId, string labelId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var label = await Labels.GetAsync(tenantId, labelId);
            if (label?.State is LabelPropagationState.Done or LabelPropagationState.Failed)
            {
                return label;
            }

            Assert.True(attempt < PropagationPolls, $"Label {labelId} still {label?.State.ToString() ?? "missing"} after waiting for its propagation.");
            await Task.Delay(PropagationPollInterval);
        }
    }

    /// <summary>Waits (bounded) until <paramref name="tenantId"/> has <paramref name="count"/> labels, none pending or running.</summary>
    public async Task WaitForLabelsSettledAsync(string tenantId, int count)
    {
        var labels = new LabelRepository(Tables);
        for (var attempt = 0; ; attempt++)
        {
            var rows = await StoredLabelsAsync(tenantId);
            var states = new List<LabelPropagationState?>();
            foreach (var row in rows)
            {
                states.Add((await labels.GetAsync(tenantId, row.RowKey))?.State);
            }

            if (states.Count == count && states.All(state => state is LabelPropagationState.Done or LabelPropagationState.Failed))
            {
                return;
            }

            Assert.True(attempt < PropagationPolls, $"Labels of {tenantId} not settled: {string.Join(", ", states)}.");
            await Task.Delay(PropagationPollInterval);
        }
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _azurite.DisposeAsync();
        if (Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }
}
