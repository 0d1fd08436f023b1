using System.Net.Http.Headers;
using System.Text;
using Azure.Data.Tables;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.FunctionApp;

namespace RiskFunctions.Functions.Tests.Features.Labels;

/// <summary>
/// The function app under the local Functions host with direct access to the tables the labels feature writes, for
/// arranging states the API cannot produce (an action without a request, a label whose message was never sent) and
/// for waiting on propagation. Storage is the shared real Azurite.
/// </summary>
public abstract class LabelsFixtureBase : FunctionAppFixture
{
    /// <summary>Bounds the wait for propagation (a generous 60 s on a loaded machine); polling is not timing.</summary>
    private const int PropagationPolls = 600;

    private static readonly TimeSpan PropagationPollInterval = TimeSpan.FromMilliseconds(100);

    public RiskTables Tables { get; private set; } = null!;

    public ActionRepository Actions { get; private set; } = null!;

    public ActionIndexRepository Index { get; private set; } = null!;

    public ReputationRepository Reputation { get; private set; } = null!;

    public LabelRepository Labels { get; private set; } = null!;

    protected override async Task OnStartedAsync()
    {
        Tables = new RiskTables(Storage.CreateServiceClient(), Storage.TablePrefix);
        await Tables.EnsureCreatedAsync([.. ActionTables.All, ReputationTables.ReputationTableName, .. LabelTables.All]);
        Actions = new ActionRepository(Tables);
        Index = new ActionIndexRepository(Tables);
        Reputation = new ReputationRepository(Tables);
        Labels = new LabelRepository(Tables);
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
        Assert.NotNull(await Labels.TryAddAsync(stored));
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
}
