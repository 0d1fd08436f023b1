using Azure;
using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Everything stored about one action: who and what it involved (for the index, linking, labels and the
/// profile update its result may trigger), the recommendation computed at trigger time as the exact
/// <c>recommendation_full</c> document, and what happened to it afterwards (result, label).
/// </summary>
public sealed record StoredAction
{
    public required string TenantId { get; init; }

    /// <summary>The action token, also <c>context.action_id</c>.</summary>
    public required string ActionToken { get; init; }

    public required string ActionType { get; init; }

    /// <summary>When the action happened (<c>context.action_performed_at</c>).</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    public string? UserId { get; init; }

    public string? ClaimedUserId { get; init; }

    /// <summary>The user the action's result bound it to, when it was anonymous or only claimed.</summary>
    public string? BoundUserId { get; init; }

    public string? DeviceId { get; init; }

    public string? DeviceFingerprint { get; init; }

    public string? DevicePublicKey { get; init; }

    /// <summary>The client IP in canonical form.</summary>
    public string? Ip { get; init; }

    public string? CorrelationId { get; init; }

    public string? VerificationSessionId { get; init; }

    public string? SessionToken { get; init; }

    /// <summary>The recommendation type that was returned (after rules): <c>ALLOW</c>, <c>CHALLENGE</c>, <c>DENY</c>, <c>TRUST</c>.</summary>
    public required string Recommendation { get; init; }

    /// <summary>The <c>recommendation_full</c> document, UTF-8 JSON, exactly as GET /recommendation returns it.</summary>
    public required ReadOnlyMemory<byte> RecommendationDocument { get; init; }

    /// <summary>The action's feature keys at trigger time, indexed by <see cref="FeatureKind"/>: what its result feeds into the profile.</summary>
    public IReadOnlyList<string?> FeatureKeys { get; init; } = new string?[FeatureKinds.Count];

    /// <summary>
    /// The learned model's feature vector of the action when it was scored (whatever model scored it), so that
    /// once labeled it can train the tenant's model; <c>null</c> for actions stored before vectors were kept.
    /// </summary>
    public float[]? Features { get; init; }

    /// <summary>The feature schema <see cref="Features"/> follows (the number of slots: slots are only ever appended).</summary>
    public int FeatureSchema { get; init; }

    /// <summary>Which model scored the action: <c>hand-tuned</c> or the tenant's learned model version.</summary>
    public string? Model { get; init; }

    /// <summary>The reported outcome (<c>success</c>, <c>failure</c>, <c>incomplete</c>), once reported.</summary>
    public string? Result { get; init; }

    public string? ChallengeType { get; init; }

    public DateTimeOffset? ResultAt { get; init; }

    /// <summary>Whether the action has built its user's profile (set once, after the profile update succeeded).</summary>
    public bool ProfileFed { get; init; }

    /// <summary>The newest label applied to the action (written by label propagation).</summary>
    public string? LabelId { get; init; }

    public string? LabelType { get; init; }

    public DateTimeOffset? LabeledAt { get; init; }

    /// <summary>
    /// The campaign maintenance put the action in after it was stored (a merge, see <see cref="ActionCampaignMarker"/>),
    /// kept beside the document, which stays what was answered at trigger time; carried here so a replace keeps it.
    /// </summary>
    public string? CampaignId { get; init; }

    public CampaignKind? CampaignKind { get; init; }

    /// <summary>The stored version, for conditional updates; default for a new action.</summary>
    public ETag ETag { get; init; }

    /// <summary>The user the action is about: <c>user_id</c>, else the bound user, else <c>claimed_user_id</c>.</summary>
    public string? SubjectUserId => UserId ?? BoundUserId ?? ClaimedUserId;
}
