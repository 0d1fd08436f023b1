using RiskFunctions.Functions.Tests.Features.Labels;

namespace RiskFunctions.Functions.Tests.Features.Models;

/// <summary>
/// The function app with a one-second model refresh (a model stored by any instance is picked up within a second,
/// without a restart), plus the label and action tables' helpers.
/// </summary>
public sealed class ModelsAppFixture : LabelsFixtureBase
{
    protected override void Configure(IDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["LabelPropagationQueue"] = "label-propagation";
        settings["Learning__RefreshInterval"] = "00:00:01";
    }
}
