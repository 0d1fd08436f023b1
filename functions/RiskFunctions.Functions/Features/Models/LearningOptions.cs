using RiskFunctions.Learning;

namespace RiskFunctions.Functions.Features.Models;

/// <summary>The tenants' learned models: how they are trained and how often instances look for a new one. Configuration section <c>Learning</c>.</summary>
public sealed class LearningOptions
{
    public const string SectionName = "Learning";

    /// <summary>How long an instance scores with a tenant's model before asking the store whether it changed (a conditional read). Default 5 minutes.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Labeled actions one training reads, at most (a sample spread over time when a tenant has more). Default 50,000.</summary>
    public int MaxTrainingActions { get; set; } = 50_000;

    /// <summary>How long a training holds the tenant's lock at most; a crashed instance blocks training no longer. Default 15 minutes.</summary>
    public TimeSpan TrainingLockDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The trainer's settings (section <c>Learning:Training</c>): thresholds, trees, bands.</summary>
    public TrainingOptions Training { get; set; } = new();

    /// <summary>What is wrong with the options (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RefreshInterval < TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:{nameof(RefreshInterval)}: must not be negative");
        }

        if (MaxTrainingActions < Training.MinLabeledActions)
        {
            errors.Add($"{SectionName}:{nameof(MaxTrainingActions)}: must be at least Training:MinLabeledActions");
        }

        if (TrainingLockDuration <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:{nameof(TrainingLockDuration)}: must be positive");
        }

        errors.AddRange(Training.Validate().Select(e => $"{SectionName}:Training: {e}"));
        return errors;
    }
}
