using RiskFunctions.Functions.Tests.Features.Labels;

namespace RiskFunctions.Functions.Tests.Features.Rings;

/// <summary>
/// The function app with small campaign thresholds (a test burst of a few dozen logins) and an active-campaign view
/// read again on every action, plus the label tables' helpers.
/// </summary>
public sealed class RingsAppFixture : LabelsFixtureBase
{
    public const int BurstLogins = 24;

    protected override void Configure(IDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["LabelPropagationQueue"] = "label-propagation";
        settings["Rings__Campaigns__MinFailedLogins"] = "20";
        settings["Rings__Campaigns__MinStuffedUsers"] = "15";
        settings["Rings__ActiveViewRefresh"] = "00:00:00";
    }

    /// <summary>Runs ring and campaign maintenance now, through the host's admin endpoint (as the timer would).</summary>
    public async Task RunMaintenanceAsync()
    {
        using var client = NewClient();
        using var response = await client.PostAsync(new Uri("admin/functions/RingCampaignMaintenance", UriKind.Relative), Json("""{"input":""}"""));
        Assert.True(response.IsSuccessStatusCode, $"maintenance invocation answered {(int)response.StatusCode}");
    }
}
