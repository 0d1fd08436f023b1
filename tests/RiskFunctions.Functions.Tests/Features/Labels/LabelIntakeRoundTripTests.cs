using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Labels.Transport;
using RiskFunctions.Functions.Tests.Features.Actions;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using Xunit.Abstractions;

namespace RiskFunctions.Functions.Tests.Features.Labels;

/// <summary>
/// What a label's request waits for in storage, counted as <see cref="StorageRoundTripTests"/> counts trigger-action's:
/// the outbox row, then the label, then the record of its send, one after the other by design (the outbox first, so
/// the relay always finds a label stored); the action an <c>ACTION_ID</c> label names is read beside them.
/// </summary>
public sealed class LabelIntakeRoundTripTests(ActionServicesFixture fixture, ITestOutputHelper output) : IClassFixture<ActionServicesFixture>
{
    [Fact]
    public async Task Accept_ActionLabel_ReadsTheActionBesideTheOutboxRow()
    {
        var tables = fixture.Services.GetRequiredService<RiskTables>();
        var options = Options.Create(new LabelsOptions());
        var intake = new LabelIntake(
            new LabelRepository(tables), new ActionRepository(tables), new SentAtOnce(), options, TimeProvider.System,
            new LabelSendFailureLog(TimeProvider.System, options, NullLogger<LabelIntake>.Instance), NullLogger<LabelIntake>.Instance);
        var label = new Label
        {
            LabelId = LabelIds.New(),
            Type = LabelType.ConfirmedFraud,
            Subject = new LabelTarget(LabelSubjectType.ActionId, new string('a', 64)),
            LabeledAt = DateTimeOffset.UtcNow,
        };

        var waves = await fixture.StorageRoundTrips.RecordAsync(() => intake.AcceptAsync("tenant-label-waves", label, CancellationToken.None));
        for (var i = 0; i < waves.Count; i++)
        {
            output.WriteLine($"wave {i + 1}: {string.Join(", ", waves[i])}");
        }

        Assert.Equal(3, waves.Count);
        Assert.Contains("GET actions point read", waves[0]);
        Assert.Equal(2, waves[0].Count);
        Assert.Single(waves[1]);
        Assert.Single(waves[2]);
    }

    /// <summary>The transport, a seam here: the message is taken at once.</summary>
    private sealed class SentAtOnce : ILabelPropagationQueue
    {
        public Task SendAsync(LabelPropagationMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
