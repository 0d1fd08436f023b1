namespace RiskFunctions.Learning;

/// <summary>How a tenant's model is trained (configuration section <c>Learning:Training</c>).</summary>
public sealed class TrainingOptions
{
    /// <summary>Labeled actions a tenant needs before a model is trained. Default 200.</summary>
    public int MinLabeledActions { get; set; } = 200;

    /// <summary>Labeled actions of each class (fraud, legitimate) needed in both the training and the validation slice. Default 5.</summary>
    public int MinPerClass { get; set; } = 5;

    /// <summary>The most recent share of labeled actions held out for validation, calibration and bands. Default 0.2.</summary>
    public double ValidationFraction { get; set; } = 0.2;

    public int NumberOfTrees { get; set; } = 100;

    public int NumberOfLeaves { get; set; } = 16;

    public int MinimumExampleCountPerLeaf { get; set; } = 10;

    public double LearningRate { get; set; } = 0.1;

    /// <summary>Share of validation actions the default CHALLENGE band (and above) takes. Default 0.05.</summary>
    public double ChallengeRate { get; set; } = 0.05;

    /// <summary>Share of validation actions the default DENY band takes. Default 0.01.</summary>
    public double DenyRate { get; set; } = 0.01;

    /// <summary>Seed of the trainer, so the same labels give the same model.</summary>
    public int Seed { get; set; } = 17;

    /// <summary>What is wrong with the options (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinLabeledActions < 20 || MinPerClass < 1)
        {
            errors.Add("MinLabeledActions must be 20 or more and MinPerClass 1 or more.");
        }

        if (!(ValidationFraction is > 0 and < 1))
        {
            errors.Add("ValidationFraction must be between 0 and 1.");
        }

        if (NumberOfTrees < 1 || NumberOfLeaves < 2 || MinimumExampleCountPerLeaf < 1 || !(LearningRate > 0))
        {
            errors.Add("NumberOfTrees, NumberOfLeaves (2 or more), MinimumExampleCountPerLeaf and LearningRate must be positive.");
        }

        if (!(DenyRate > 0 && DenyRate <= ChallengeRate && ChallengeRate < 1))
        {
            errors.Add("DenyRate and ChallengeRate must satisfy 0 < DenyRate <= ChallengeRate < 1.");
        }

        return errors;
    }
}
