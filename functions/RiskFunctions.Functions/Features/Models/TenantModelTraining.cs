using System.Globalization;
using Azure;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Scoring.Learning;
using RiskFunctions.Learning;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Models;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Functions.Features.Models;

/// <summary>
/// Trains tenants' models from their labeled actions and stores the ones worth using. One training of a tenant:
/// take its lock (so of several instances one trains it), read up to <see cref="LearningOptions.MaxTrainingActions"/>
/// labeled actions with the feature vectors they were scored with, train (<see cref="RiskModelTrainer"/>: the older
/// 80 % train, the newest 20 % validate), and store the model only if it ranks that newest slice at least as well as
/// the current model does and better than chance. Instances pick the stored model up at their next refresh; this one
/// at once.
/// </summary>
public sealed partial class TenantModelTraining(
    ActionRepository actions,
    LabelRepository labels,
    TenantModelStore store,
    TenantModelProvider provider,
    RiskModelTrainer trainer,
    IOptions<LearningOptions> options,
    TimeProvider time,
    ILogger<TenantModelTraining> logger)
{
    /// <summary>Identifies this process as a lock holder.</summary>
    private static readonly string Owner = Environment.MachineName + "/" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Trains <paramref name="tenantId"/>'s model now. A scheduled run (<paramref name="onlyWhenNewLabels"/>) skips a
    /// tenant whose current model is newer than every label it would read.
    /// </summary>
    public async Task<TrainingOutcome> TrainAsync(string tenantId, bool onlyWhenNewLabels, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var now = time.GetUtcNow();
        var held = await store.TryAcquireTrainingLockAsync(tenantId, Owner, now, now + options.Value.TrainingLockDuration, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return new TrainingOutcome(TrainingStatus.Busy, Reason: "Another training of this tenant's model is running.");
        }

        try
        {
            var (examples, newestLabel) = await ReadExamplesAsync(tenantId, cancellationToken).ConfigureAwait(false);
            var current = await ReadCurrentAsync(tenantId, cancellationToken).ConfigureAwait(false);
            if (onlyWhenNewLabels && current is not null && newestLabel <= current.Document.TrainedAt)
            {
                return new TrainingOutcome(TrainingStatus.Unchanged, Reason: "No label since the current model was trained.");
            }

            if (trainer.WhyNotTrainable(examples) is { } why)
            {
                return new TrainingOutcome(TrainingStatus.NotEnoughLabels, Reason: why);
            }

            // CPU-bound (about a second per 10,000 actions): off the caller's thread.
            var model = await Task.Run(() => trainer.Train(tenantId, examples, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            if (WhyWorse(model, current, trainer.ValidationSlice(examples)) is { } worse)
            {
                LogNotBetter(logger, tenantId, model.Version, worse);
                return new TrainingOutcome(TrainingStatus.NotBetter, Reason: worse);
            }

            await store.SaveAsync(tenantId, model.Version, BinaryData.FromBytes(model.Document.ToJson()), cancellationToken).ConfigureAwait(false);
            provider.Invalidate(tenantId);
            LogTrained(logger, tenantId, model.Version, examples.Count, model.Document.Metrics.ValidationRocAuc);
            return new TrainingOutcome(TrainingStatus.Trained, model);
        }
        finally
        {
            await ReleaseAsync(held).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Gives the lock back. One storage will not take back now expires on its own (<see cref="TrainingLock.Until"/>):
    /// what the training did stands (a stored model is live), and a failure of the training is not replaced by the
    /// release's.
    /// </summary>
    private async Task ReleaseAsync(TrainingLock held)
    {
        try
        {
            await store.ReleaseTrainingLockAsync(held, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException || StorageOutage.IsCause(ex))
        {
            LogLockLeft(logger, held.TenantId, held.Until, OutageLogThrottle.Describe(ex));
        }
    }

    /// <summary>One scheduled run: every tenant that has labels, one after another; a tenant that fails does not stop the others.</summary>
    public async Task<IReadOnlyDictionary<TrainingStatus, int>> RunAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<TrainingStatus, int>();
        await foreach (var tenantId in labels.ListTenantsWithLabelsAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var outcome = await TrainAsync(tenantId, onlyWhenNewLabels: true, cancellationToken).ConfigureAwait(false);
                counts[outcome.Status] = counts.GetValueOrDefault(outcome.Status) + 1;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogTenantFailed(logger, ex, tenantId);
            }
        }

        return counts;
    }

    /// <summary>The tenant's current model, or <c>null</c> when it has none or one this version cannot load (another feature schema).</summary>
    public async Task<TreeEnsembleModel?> ReadCurrentAsync(string tenantId, CancellationToken cancellationToken)
    {
        var stored = await store.GetCurrentAsync(tenantId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (stored?.Content is not { } content)
        {
            return null;
        }

        try
        {
            return TreeEnsembleModel.Load(RiskModelDocument.FromJson(content.ToMemory().Span));
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private async Task<(List<LabeledExample> Examples, DateTimeOffset NewestLabel)> ReadExamplesAsync(string tenantId, CancellationToken cancellationToken)
    {
        var examples = new List<LabeledExample>();
        var newest = DateTimeOffset.MinValue;
        await foreach (var action in actions.QueryLabeledAsync(tenantId, RiskFeatures.Count, options.Value.MaxTrainingActions, cancellationToken).ConfigureAwait(false))
        {
            if (action.Features is { Length: RiskFeatures.Count } vector && TrainingLabels.IsFraud(action.LabelType) is { } isFraud)
            {
                examples.Add(new LabeledExample(vector, isFraud, action.OccurredAt));
                if (action.LabeledAt is { } labeledAt && labeledAt > newest)
                {
                    newest = labeledAt;
                }
            }
        }

        return (examples, newest);
    }

    /// <summary>
    /// Why <paramref name="candidate"/> must not replace <paramref name="current"/>: both are measured on the newest
    /// labeled actions (the candidate's validation slice, which it was not trained on); the candidate must rank them
    /// better than chance and at least as well as the current model.
    /// </summary>
    private static string? WhyWorse(TreeEnsembleModel candidate, TreeEnsembleModel? current, IReadOnlyList<LabeledExample> newest)
    {
        var candidateAuc = ModelComparison.RocAuc(candidate, newest);
        if (candidateAuc <= 0.5)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The new model ranks the newest labeled actions no better than chance (ROC AUC {candidateAuc:0.###}).");
        }

        if (current is null)
        {
            return null;
        }

        var currentAuc = ModelComparison.RocAuc(current, newest);
        return candidateAuc < currentAuc
            ? string.Create(CultureInfo.InvariantCulture, $"The new model ranks the newest labeled actions worse than the current {current.Version} (ROC AUC {candidateAuc:0.###} against {currentAuc:0.###}).")
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: model {Version} trained on {LabeledActions} labeled action(s), validation ROC AUC {RocAuc}")]
    private static partial void LogTrained(ILogger logger, string tenantId, string version, int labeledActions, double rocAuc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: model {Version} not stored: {Reason}")]
    private static partial void LogNotBetter(ILogger logger, string tenantId, string version, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: training lock not released ({Reason}); it expires at {Until}")]
    private static partial void LogLockLeft(ILogger logger, string tenantId, DateTimeOffset until, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tenant {TenantId}: training failed")]
    private static partial void LogTenantFailed(ILogger logger, Exception exception, string tenantId);
}
