using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using RiskFunctions.Domain.Contract.Dialects.Lithic;
using RiskFunctions.Domain.Labels.Dialects;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Labels.Dialects;
using RiskFunctions.Functions.Features.Labels.Transport;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.FraudReports;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Functions.Tests.Features.Labels.Dialects;

/// <summary>The retry loop of <see cref="LithicFraudReports"/> with the storage seams mocked: lost writes are decided again.</summary>
public sealed class LithicFraudReportsTests
{
    private const string Tenant = "tenant-1";
    private const string Token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset At = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly Mock<FraudReportRepository> _reports = new();
    private readonly Mock<ActionRepository> _actions = new();
    private readonly LithicFraudReports _service;

    public LithicFraudReportsTests()
    {
        _actions.Setup(a => a.GetAsync(Tenant, Token, It.IsAny<CancellationToken>())).ReturnsAsync(new StoredAction
        {
            TenantId = Tenant,
            ActionToken = Token,
            ActionType = "transaction",
            OccurredAt = At,
            Recommendation = "ALLOW",
            RecommendationDocument = "{}"u8.ToArray(),
        });

        // The intake is never reached in these tests: no write succeeds.
        var intake = new LabelIntake(
            Mock.Of<LabelRepository>(MockBehavior.Strict), _actions.Object, Mock.Of<ILabelPropagationQueue>(MockBehavior.Strict), Options.Create(new LabelsOptions()),
            new ManualTimeProvider(At), new LabelSendFailureLog(TimeProvider.System, Options.Create(new LabelsOptions()), NullLogger<LabelIntake>.Instance),
            NullLogger<LabelIntake>.Instance);
        _service = new LithicFraudReports(_reports.Object, _actions.Object, intake, new ManualTimeProvider(At), NullLogger<LithicFraudReports>.Instance);
    }

    [Fact]
    public async Task ReportAsync_LostTheWrite_IsDecidedAgainAgainstTheWinnersState()
    {
        _reports.SetupSequence(r => r.GetAsync(Tenant, Token, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Stored(LithicFraudStatus.SuspectedFraud, 1))
            .ReturnsAsync(Stored(LithicFraudStatus.Fraudulent, 2));
        _reports.Setup(r => r.TryUpdateAsync(It.IsAny<StoredFraudReport>(), It.IsAny<CancellationToken>())).ReturnsAsync((StoredFraudReport?)null);

        var result = await _service.ReportAsync(Tenant, Token, new(LithicFraudStatus.NotFraudulent, null, null), "client", CancellationToken.None);

        Assert.Equal(FraudReportOutcome.Rejected, result.Transition!.Outcome);
        Assert.Equal(LithicFraudStatus.Fraudulent, result.Transition.Report.Status);
        _reports.Verify(r => r.TryUpdateAsync(It.IsAny<StoredFraudReport>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ReportAsync_LostTheFirstReport_IsDecidedAgainstTheExistingOne()
    {
        _reports.SetupSequence(r => r.GetAsync(Tenant, Token, It.IsAny<CancellationToken>()))
            .ReturnsAsync((StoredFraudReport?)null)
            .ReturnsAsync(Stored(LithicFraudStatus.Fraudulent, 1));
        _reports.Setup(r => r.TryAddAsync(It.IsAny<StoredFraudReport>(), It.IsAny<CancellationToken>())).ReturnsAsync((StoredFraudReport?)null);

        var result = await _service.ReportAsync(Tenant, Token, new(LithicFraudStatus.Fraudulent, null, null), "client", CancellationToken.None);

        Assert.Equal(FraudReportOutcome.Unchanged, result.Transition!.Outcome);
    }

    [Fact]
    public async Task ReportAsync_ReportChangesOnEveryAttempt_GivesUpAfterMaxAttempts()
    {
        _reports.Setup(r => r.GetAsync(Tenant, Token, It.IsAny<CancellationToken>())).ReturnsAsync(Stored(LithicFraudStatus.SuspectedFraud, 1));
        _reports.Setup(r => r.TryUpdateAsync(It.IsAny<StoredFraudReport>(), It.IsAny<CancellationToken>())).ReturnsAsync((StoredFraudReport?)null);

        var result = await _service.ReportAsync(Tenant, Token, new(LithicFraudStatus.Fraudulent, null, null), "client", CancellationToken.None);

        Assert.Same(FraudReportResult.TooMuchContention, result);
        _reports.Verify(r => r.TryUpdateAsync(It.IsAny<StoredFraudReport>(), It.IsAny<CancellationToken>()), Times.Exactly(LithicFraudReports.MaxAttempts));
    }

    [Fact]
    public async Task ReportAsync_UnknownTransaction_WritesNothing()
    {
        var unknown = Token.Replace('0', 'f');

        var result = await _service.ReportAsync(Tenant, unknown, new(LithicFraudStatus.Fraudulent, null, null), "client", CancellationToken.None);

        Assert.Same(FraudReportResult.UnknownTransaction, result);
        _reports.Verify(r => r.GetAsync(Tenant, unknown, It.IsAny<CancellationToken>()), Times.Once);
        _reports.VerifyNoOtherCalls();
    }

    private static StoredFraudReport Stored(LithicFraudStatus status, int version) => new()
    {
        TenantId = Tenant,
        Report = new FraudReport { TransactionToken = Token, Status = status, CreatedAt = At, UpdatedAt = At, Version = version },
        LabelId = "0123456789abcdef0123456789abcdef",
        LabelAccepted = true,
        ETag = new Azure.ETag("W/\"v" + version + "\""),
    };
}
