using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;

namespace RiskFunctions.Functions.Features.Labels;

/// <summary>
/// Gives an action bound to its user after the user was labeled (reported without a user, bound by its result) what
/// the label's propagation gave the user's other actions: the user's newest label in the user's slot on the action,
/// and, when the user stands as confirmed fraud, the user on the states of the action's device and address
/// (<see cref="LinkedFraudSpreader"/>), so other accounts there read it. Called once the action is listed under the
/// user: a label that registers after this look finds the action in the user's index and marks it itself, so no
/// interleaving leaves it unmarked.
/// </summary>
public sealed class BoundActionLabels(
    SubjectLabelRegistry registry,
    SubjectLabelWriter marks,
    SubjectStateRepository states,
    LinkedFraudSpreader linkedFraud)
{
    /// <summary>Applies the newest label of <paramref name="userId"/>, if any, to <paramref name="action"/>, listed under the user already.</summary>
    public async Task ApplyAsync(StoredAction action, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var user = new ActionSubject(ActionSubjectKind.UserId, userId);

        // One point read, and nothing more for a user never labeled (nearly every user).
        if (await registry.GetNewestAsync(action.TenantId, user, cancellationToken).ConfigureAwait(false) is not { } newest)
        {
            return;
        }

        // A user label has no recommendation filter (only a fraud ring's has), so it reaches every action of the user.
        var marking = marks.MarkAsync(action.TenantId, user, [action.ActionToken], newest, cancellationToken);
        var reading = states.ReadAsync(action.TenantId, user, cancellationToken);
        await Task.WhenAll(marking, reading).ConfigureAwait(false);

        var reputation = (await reading.ConfigureAwait(false)).Reputation;
        if (reputation.Standing != ReputationStanding.ConfirmedFraud)
        {
            return;
        }

        var linked = new HashSet<ActionSubject>();
        LinkedFraudSpreader.AddLinked(action.DeviceId, action.Ip, linked);
        await linkedFraud.SpreadAsync(action.TenantId, userId, reputation, linked, cancellationToken).ConfigureAwait(false);
    }
}
