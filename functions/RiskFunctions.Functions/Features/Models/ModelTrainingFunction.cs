using Microsoft.Azure.Functions.Worker;

namespace RiskFunctions.Functions.Features.Models;

/// <summary>Trains the models of the tenants with new labels, on the schedule of the <c>ModelTrainingSchedule</c> app setting (NCRONTAB; hourly by default).</summary>
public sealed partial class ModelTrainingFunction(TenantModelTraining training, ILogger<ModelTrainingFunction> logger)
{
    [Function(nameof(ModelTraining))]
    public async Task ModelTraining(
        [TimerTrigger("%ModelTrainingSchedule%")] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        var counts = await training.RunAsync(cancellationToken);
        LogRun(
            logger,
            counts.GetValueOrDefault(TrainingStatus.Trained),
            counts.GetValueOrDefault(TrainingStatus.Unchanged),
            counts.GetValueOrDefault(TrainingStatus.NotEnoughLabels),
            counts.GetValueOrDefault(TrainingStatus.NotBetter),
            counts.GetValueOrDefault(TrainingStatus.Busy));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model training: {Trained} tenant(s) trained, {Unchanged} without new labels, {NotEnough} with too few, {NotBetter} kept their model, {Busy} trained elsewhere")]
    private static partial void LogRun(ILogger logger, int trained, int unchanged, int notEnough, int notBetter, int busy);
}
