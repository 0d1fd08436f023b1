using System.Text;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Handler.Features.Labels;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Testing.FunctionApp;

namespace RiskFunctions.Functions.Tests.Features.Labels;

/// <summary>
/// The function app with labels relayed after one second, and direct access to the tables the labels feature
/// writes, for arranging states the API cannot produce (a label whose message was never sent, a broken row).
/// </summary>
public sealed class LabelsAppFixture : FunctionAppFixture
{
    public const string QueueName = "label-propagation";
    public const int MaxDeliveryCount = 4;

    private static readonly TimeSpan PropagationPollInterval = TimeSpan.FromMilliseconds(100);
    private const int PropagationPolls = 300;

    public RiskTables Tables { get; private set; } = null!;

    public LabelRepository Labels { get; private set; } = null!;

    public ActionRepository Actions { get; private set; } = null!;

    public ActionIndexRepository Index { get; private set; } = null!;

    protected override void Configure(IDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["LabelPropagationQueue"] = QueueName;
        settings["Labels__RelayAfter"] = "00:00:01";
        settings["Labels__MaxDeliveryCount"] = MaxDeliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["LocalServiceBus__MaxDeliveryCount"] = MaxDeliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override async Task OnStartedAsync()
    {
        Tables = new RiskTables(Storage.CreateServiceClient(), Storage.TablePrefix);
        await Tables.EnsureCreatedAsync([.. ActionTables.All, ReputationTables.ReputationTableName, .. LabelTables.All]);
        Labels = new LabelRepository(Tables);
        Actions = new ActionRepository(Tables);
        Index = new ActionIndexRepository(Tables);
    }

    /// <summary>Stores and indexes an action of <paramref name="userId"/> as trigger-action would.</summary>
    public async Task AddActionAsync(string tenantId, string userId)
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
        Assert.True(await Actions.TryAddAsync(action));
        await Index.IndexAsync(action);
    }

    /// <summary>Stores a pending label as the label API would, without sending its propagation message.</summary>
    public async Task<string> StoreLabelAsync(string tenantId, string userId)
    {
        var labelId = LabelIds.New();
        Assert.True(await Labels.TryAddAsync(new StoredLabel
        {
            TenantId = tenantId,
            Label = new Label { LabelId = labelId, Type = LabelType.ConfirmedFraud, Subject = new LabelTarget(LabelSubjectType.UserId, userId), LabeledAt = DateTimeOffset.UtcNow },
            StateChangedAt = DateTimeOffset.UtcNow,
        }));
        return labelId;
    }

    /// <summary>Waits (bounded) until the label's propagation is done or failed.</summary>
    public async Task<StoredLabel> WaitForPropagationAsync(string tenantId, string labelId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var label = await Labels.GetAsync(tenantId, labelId);
            if (label?.State is LabelPropagationState.Done or LabelPropagationState.Failed)
            {
                return label;
            }

            Assert.True(attempt < PropagationPolls, $"Label {labelId} still {label?.State.ToString() ?? "missing"}.");
            await Task.Delay(PropagationPollInterval);
        }
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
