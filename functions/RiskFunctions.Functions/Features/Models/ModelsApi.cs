using Microsoft.AspNetCore.Http.HttpResults;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Models;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Security;
using RiskFunctions.Learning;

namespace RiskFunctions.Functions.Features.Models;

/// <summary>
/// <c>GET /risk/v1/models/current</c> (the caller's tenant's current model, 404 while it has none) and
/// <c>POST /risk/v1/models/train</c> (train it now: the new model, or 422 when the labels cannot train one, 409 when
/// the new model is not better or another training runs). The tenant is the token's.
/// </summary>
public static class ModelsApi
{
    public static async Task<Results<JsonHttpResult<RiskModelResponse>, ApiError>> GetCurrentAsync(HttpContext context, TenantModelTraining training)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(training);
        var model = await training.ReadCurrentAsync(context.User.GetTenantId(), context.RequestAborted);
        return model is null
            ? ApiError.NotFound("model", "the tenant has no learned model yet: its actions are scored by the hand-tuned model")
            : TypedResults.Json(Describe(model.Document), RiskJsonContext.Default.RiskModelResponse);
    }

    public static async Task<Results<JsonHttpResult<RiskModelResponse>, ApiError>> TrainAsync(HttpContext context, TenantModelTraining training)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(training);
        var outcome = await training.TrainAsync(context.User.GetTenantId(), onlyWhenNewLabels: false, context.RequestAborted);
        return outcome.Status switch
        {
            TrainingStatus.Trained => TypedResults.Json(Describe(outcome.Model!.Document), RiskJsonContext.Default.RiskModelResponse),
            TrainingStatus.NotEnoughLabels => ApiError.Unprocessable("labels", outcome.Reason!),
            _ => ApiError.Conflict("model", outcome.Reason!),
        };
    }

    /// <summary>The wire form of a stored model.</summary>
    public static RiskModelResponse Describe(RiskModelDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var metrics = document.Metrics;
        var training = new RiskModelSlice { Fraud = metrics.TrainingFraud, Legitimate = metrics.TrainingActions - metrics.TrainingFraud };
        var validation = new RiskModelSlice { Fraud = metrics.ValidationFraud, Legitimate = metrics.ValidationActions - metrics.ValidationFraud };
        return new RiskModelResponse
        {
            Version = document.Version,
            TrainedAt = document.TrainedAt.ToUnixTimeMilliseconds(),
            FeatureCount = document.Features.Count,
            Labels = new RiskModelLabelCounts
            {
                Fraud = training.Fraud + validation.Fraud,
                Legitimate = training.Legitimate + validation.Legitimate,
                Training = training,
                Validation = validation,
            },
            ValidationFrom = metrics.ValidationFrom.ToUnixTimeMilliseconds(),
            ValidationRocAuc = metrics.ValidationRocAuc,
            Bands = new RiskModelBands { TrustMax = document.Bands.TrustMax, ChallengeMin = document.Bands.ChallengeMin, DenyMin = document.Bands.DenyMin },
            AtChallenge = Band(metrics.Challenge),
            AtDeny = Band(metrics.Deny),
            FeatureImportances = [.. metrics.FeatureImportances.Select(f => new RiskModelFeatureImportance { Feature = f.Feature, MeanAbsLogOdds = f.MeanAbsoluteLogOdds })],
            TrainingSeconds = metrics.TrainingSeconds,
        };
    }

    private static RiskModelBandMetrics? Band(BandMetrics? band) => band is null
        ? null
        : new RiskModelBandMetrics { Threshold = band.Threshold, Rate = band.Rate, Precision = band.Precision, Recall = band.Recall };
}
