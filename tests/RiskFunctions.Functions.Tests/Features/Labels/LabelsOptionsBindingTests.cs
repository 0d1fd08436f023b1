using Microsoft.Extensions.Configuration;
using RiskFunctions.Functions.Features.Labels;

namespace RiskFunctions.Functions.Tests.Features.Labels;

/// <summary>
/// The settings as the stamps write them: infra/modules/functionapp.bicep gives the queue's message time to live as a
/// bare number of days (Bicep cannot turn the queue's ISO 8601 duration into a .NET one).
/// </summary>
public sealed class LabelsOptionsBindingTests
{
    [Theory]
    [InlineData("14", 14)]
    [InlineData("1", 1)]
    [InlineData("14.00:00:00", 14)]
    public void MessageTimeToLive_DaysAsAStampWritesThem_BindsToThoseDays(string setting, int days)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Labels:MessageTimeToLive"] = setting })
            .Build();

        var options = configuration.GetSection(LabelsOptions.SectionName).Get<LabelsOptions>()!;

        Assert.Equal(TimeSpan.FromDays(days), options.MessageTimeToLive);
    }
}
