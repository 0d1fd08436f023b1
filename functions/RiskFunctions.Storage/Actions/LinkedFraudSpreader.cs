using RiskFunctions.Domain.Scoring.Reputation;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Carries a user's fraud label one hop further: every device and IP address the user acted from gets the
/// user in its state's fraud-labeled users (or loses it when the user's newest label is no longer confirmed fraud), so
/// other accounts on them read the label, decayed, from the point read they already make. Idempotent: a repeated
/// spread writes nothing.
/// </summary>
/// <remarks>
/// Where the devices and addresses come from: the user's state names them (<see cref="SubjectState.Reach"/>; the
/// label's reputation write has just read the state) unless the user used more than <see cref="SubjectState.MaxReach"/>
/// or its row predates the list; then one pass over the user's index (pages of <see cref="ActionIndexRepository.MaxPageSize"/>);
/// none when the caller has just read it (a label on the user). Then one conditional merge per distinct device and
/// address, 16 at a time. Index rows written before the address was indexed name no address; their devices are still
/// reached. Actions the user takes later carry the label themselves (the action path reads the user's state).
/// </remarks>
public class LinkedFraudSpreader(ActionIndexRepository index, SubjectStateRepository states)
{
    private const int Parallelism = 16;

    /// <summary>
    /// Records the reputation in <paramref name="user"/> (the state of <paramref name="userId"/>, as the label's own write
    /// left it) on the states of its devices and addresses: those its reach names, else those its index names.
    /// </summary>
    public virtual async Task SpreadAsync(string tenantId, string userId, SubjectState user, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(user);
        IReadOnlyCollection<ActionSubject> linked = user.Reach is { Complete: true } reach
            ? reach.Subjects
            : await ReadLinkedAsync(tenantId, new ActionSubject(ActionSubjectKind.UserId, userId), cancellationToken).ConfigureAwait(false);

        await SpreadAsync(tenantId, userId, user.Reputation, linked, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records <paramref name="reputation"/> of <paramref name="userId"/> on the states of <paramref name="linked"/>: the
    /// devices and addresses a caller that read the user's whole index already gathered (<see cref="AddLinked(IEnumerable{IndexedAction}, ISet{ActionSubject})"/>).
    /// </summary>
    public virtual async Task SpreadAsync(
        string tenantId, string userId, EntityReputation reputation, IReadOnlyCollection<ActionSubject> linked, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reputation);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(linked);
        var labeledAt = reputation.Standing == ReputationStanding.ConfirmedFraud ? reputation.LabeledAt : null;
        await Parallel.ForEachAsync(
            linked,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (subject, token) => await states.SetLinkedFraudAsync(tenantId, subject, userId, labeledAt, token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task<IReadOnlyCollection<ActionSubject>> ReadLinkedAsync(string tenantId, ActionSubject user, CancellationToken cancellationToken)
    {
        var linked = new HashSet<ActionSubject>();
        string? continuation = null;
        do
        {
            var page = await index.QueryPageAsync(tenantId, user, continuation: continuation, cancellationToken: cancellationToken).ConfigureAwait(false);
            AddLinked(page.Items, linked);
            continuation = page.Continuation;
        }
        while (continuation is not null);

        return linked;
    }

    /// <summary>Adds the devices and addresses <paramref name="actions"/> (a page of a user's index) name to <paramref name="linked"/>.</summary>
    public static void AddLinked(IEnumerable<IndexedAction> actions, ISet<ActionSubject> linked)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(linked);
        foreach (var action in actions)
        {
            AddLinked(action.DeviceId, action.Ip, linked);
        }
    }

    /// <summary>Adds the device and the address of one action, where it names them, to <paramref name="linked"/>.</summary>
    public static void AddLinked(string? deviceId, string? ip, ISet<ActionSubject> linked)
    {
        ArgumentNullException.ThrowIfNull(linked);
        if (!string.IsNullOrEmpty(deviceId))
        {
            linked.Add(new ActionSubject(ActionSubjectKind.DeviceId, deviceId));
        }

        if (!string.IsNullOrEmpty(ip))
        {
            linked.Add(new ActionSubject(ActionSubjectKind.IpAddress, ip));
        }
    }
}
