using RiskFunctions.Domain.Contract.Labels;

namespace RiskFunctions.Domain.Labels;

/// <summary>
/// A validated label: what is said (<see cref="Type"/>, always a current spelling), about what
/// (<see cref="Subject"/>), why (<see cref="UseCase"/>, <see cref="Source"/>) and when. Immutable; it is
/// stored once and every propagation step reads it back.
/// </summary>
public sealed record Label
{
    public required string LabelId { get; init; }

    public required LabelType Type { get; init; }

    public required LabelTarget Subject { get; init; }

    public LabelUseCase? UseCase { get; init; }

    public LabelSource? Source { get; init; }

    /// <summary>When the label was given; of two labels on the same entity the newer one decides.</summary>
    public required DateTimeOffset LabeledAt { get; init; }

    /// <summary>Which API the label came in through (<c>risk</c>, <c>ravelin</c>, <c>datadome</c>, <c>lithic</c>), for the audit trail.</summary>
    public string Origin { get; init; } = LabelOrigins.Risk;

    /// <summary>Who gave it, where the dialect says (a reviewer's name or e-mail), for the audit trail.</summary>
    public string? Author { get; init; }

    /// <summary>Free text from the reviewer, where the dialect carries one.</summary>
    public string? Comment { get; init; }

    /// <summary>The label as the label API reports it.</summary>
    public SavedLabel ToContract() => new()
    {
        LabelId = LabelId,
        LabelType = Type,
        Subject = new LabelSubject
        {
            Type = Subject.Type,
            Value = Subject.Value,
            Recommendations = Subject.Recommendations,
            IsCampaignConfirmed = Subject.IsCampaignConfirmed,
        },
        UseCase = UseCase,
        Source = Source,
        LabelTimestamp = LabeledAt.ToUnixTimeMilliseconds(),
    };
}

/// <summary>What a label is about.</summary>
/// <param name="Type">The kind of subject.</param>
/// <param name="Value">Its identifier, as the client sent it.</param>
/// <param name="Recommendations">For fraud rings only: label only the ring's actions that got one of these.</param>
/// <param name="IsCampaignConfirmed">For campaigns only: whether the campaign's actions are labeled too.</param>
public sealed record LabelTarget(
    LabelSubjectType Type,
    string Value,
    IReadOnlyList<LabelRecommendationFilter>? Recommendations = null,
    bool? IsCampaignConfirmed = null);

/// <summary>The APIs labels arrive through.</summary>
public static class LabelOrigins
{
    public const string Risk = "risk";
    public const string Ravelin = "ravelin";
    public const string DataDome = "datadome";
    public const string Lithic = "lithic";
}
