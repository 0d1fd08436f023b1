namespace RiskFunctions.Functions.Tests.Features.Labels;

/// <summary>
/// The function app with labels relayed after one second and few deliveries before dead-lettering, and direct access
/// to the tables the labels feature writes.
/// </summary>
public sealed class LabelsAppFixture : LabelsFixtureBase
{
    public const string QueueName = "label-propagation";
    public const int MaxDeliveryCount = 4;

    protected override void Configure(IDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["LabelPropagationQueue"] = QueueName;
        settings["Labels__RelayAfter"] = "00:00:01";
        settings["Labels__MaxDeliveryCount"] = MaxDeliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["LocalServiceBus__MaxDeliveryCount"] = MaxDeliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The classes that share one <see cref="LabelsAppFixture"/> worker (and run one after another: some take tables away for a while).</summary>
[CollectionDefinition(Name)]
public sealed class LabelsAppCollection : ICollectionFixture<LabelsAppFixture>
{
    public const string Name = "function app for label propagation";
}
