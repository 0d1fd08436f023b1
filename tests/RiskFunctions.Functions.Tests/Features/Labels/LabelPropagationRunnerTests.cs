using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Labels.Propagation;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Functions.Tests.Features.Labels;

/// <summary>
/// One delivery during a storage outage: it waits for storage in growing pauses, within its budget, instead of handing
/// the message straight back for a redelivery that may come at once. The clock is manual; storage is a failing seam.
/// </summary>
public sealed class LabelPropagationRunnerTests
{
    private const string Tenant = "t-outage";
    private const string LabelId = "label-1";

    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(1);

    private readonly ManualTimeProvider _time = new();
    private readonly Mock<ILabelPropagator> _propagator = new(MockBehavior.Strict);

    [Fact]
    public async Task Run_StorageBackAfterThreeFailures_WaitsAndCompletesTheDelivery()
    {
        _propagator.SetupSequence(p => p.PropagateAsync(Tenant, LabelId, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new StorageUnavailableException())
            .ThrowsAsync(new StorageUnavailableException())
            .ThrowsAsync(new StorageUnavailableException())
            .ReturnsAsync(PropagationOutcome.Done);
        var started = _time.GetUtcNow();

        var completed = await RunWhileAdvancingAsync(Runner(), deliveryCount: 1);

        Assert.True(completed);
        _propagator.Verify(p => p.PropagateAsync(Tenant, LabelId, It.IsAny<CancellationToken>()), Times.Exactly(4));

        // Pauses of 1, 2 and 4 s: the clock only moved while the delivery waited.
        Assert.InRange(_time.GetUtcNow() - started, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Run_OutageLongerThanTheBudget_GivesTheMessageBackWithinTheBudget()
    {
        var calls = 0;
        _propagator.Setup(p => p.PropagateAsync(Tenant, LabelId, It.IsAny<CancellationToken>()))
            .Callback(() => calls++)
            .ThrowsAsync(new StorageUnavailableException());
        var started = _time.GetUtcNow();

        var completed = await RunWhileAdvancingAsync(Runner(), deliveryCount: 1);

        Assert.False(completed);

        // 1 + 2 + 4 + 8 + 15 + 15 + 15 = 60 s of pauses, eight attempts; no pause beyond the budget.
        Assert.Equal(8, calls);
        Assert.InRange(_time.GetUtcNow() - started, TimeSpan.FromSeconds(60), Budget + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Run_FailureThatIsNotAnOutage_GivesTheMessageBackAtOnce()
    {
        _propagator.Setup(p => p.PropagateAsync(Tenant, LabelId, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("bug"));

        var completed = await Runner().RunAsync(Body(), "m-1", deliveryCount: 1, CancellationToken.None);

        Assert.False(completed);
        _propagator.Verify(p => p.PropagateAsync(Tenant, LabelId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Run_LastDeliveryOutlastsTheOutageBudget_MarksTheLabelFailed()
    {
        _propagator.Setup(p => p.PropagateAsync(Tenant, LabelId, It.IsAny<CancellationToken>())).ThrowsAsync(new StorageUnavailableException());
        _propagator.Setup(p => p.MarkFailedAsync(Tenant, LabelId, It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var completed = await RunWhileAdvancingAsync(Runner(), deliveryCount: 10);

        Assert.False(completed);
        _propagator.Verify(p => p.MarkFailedAsync(Tenant, LabelId, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    private LabelPropagationRunner Runner() => new(
        _propagator.Object,
        Options.Create(new LabelsOptions { PropagationOutageWait = Budget, MaxDeliveryCount = 10 }),
        new OutageLogThrottle(_time),
        _time,
        NullLogger<LabelPropagationRunner>.Instance);

    private static ReadOnlyMemory<byte> Body() => Encoding.UTF8.GetBytes($$"""{"tenant_id":"{{Tenant}}","label_id":"{{LabelId}}"}""");

    /// <summary>Runs the delivery and moves the manual clock a second at a time until it ends (bounded, so a hang fails).</summary>
    private async Task<bool> RunWhileAdvancingAsync(LabelPropagationRunner runner, int deliveryCount)
    {
        var run = runner.RunAsync(Body(), "m-1", deliveryCount, CancellationToken.None);
        for (var step = 0; step < 10_000 && !run.IsCompleted; step++)
        {
            await Task.Delay(5);
            if (!run.IsCompleted)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.True(run.IsCompleted, "the delivery did not end");
        return await run;
    }
}
