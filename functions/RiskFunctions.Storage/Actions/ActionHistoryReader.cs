using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Learning;
using RiskFunctions.Domain.Scoring.Reputation;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Computes <c>risk_signals.history</c>, the <see cref="LearningSignals"/> and the reputation of the user, the device
/// and the IP address for a new action from the <see cref="SubjectState"/> of each: three point reads, issued in
/// parallel, so the figures hold across every instance and cost the same whatever the tables hold.
/// </summary>
/// <remarks>
/// Rates count actions strictly before <c>at</c>. A state keeps at most <see cref="SubjectState.MaxRecent"/> recent
/// actions and <see cref="SubjectState.MaxLinks"/> links: <c>ip_action_rate_60_sec</c> and the hour's distinct users
/// and devices of an address are exact up to that many actions an hour (a lower bound above, far beyond every scoring
/// threshold), and so are the linking counts.
/// </remarks>
public class ActionHistoryReader
{
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Half-life of a fraud label reached through a shared device or address.</summary>
    public static readonly TimeSpan LinkedFraudHalfLife = TimeSpan.FromDays(30);

    private readonly SubjectStateRepository _states;

    public ActionHistoryReader(SubjectStateRepository states) => _states = states;

    /// <summary>For mocking.</summary>
    protected ActionHistoryReader() => _states = null!;

    /// <param name="tenantId">The tenant.</param>
    /// <param name="userId">The action's user (<c>user_id</c>, else <c>claimed_user_id</c>), if any.</param>
    /// <param name="deviceId">The action's <c>device_id</c>, if any.</param>
    /// <param name="ip">The action's IP, if any.</param>
    /// <param name="at">When the action happened.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <param name="known">
    /// States the caller knows as they are stored (it wrote them last, with their version): used instead of a read.
    /// </param>
    /// <returns>The counts, and the states they came from (the action's write starts from them).</returns>
    public virtual async Task<ActionHistory> ReadAsync(
        string tenantId,
        string? userId,
        string? deviceId,
        string? ip,
        DateTimeOffset at,
        CancellationToken cancellationToken = default,
        Func<ActionSubject, SubjectState?>? known = null)
    {
        var user = Read(tenantId, ActionSubjectKind.UserId, userId, known, cancellationToken);
        var device = Read(tenantId, ActionSubjectKind.DeviceId, deviceId, known, cancellationToken);
        var address = Read(tenantId, ActionSubjectKind.IpAddress, ip, known, cancellationToken);
        await Task.WhenAll(user, device, address).ConfigureAwait(false);

        var states = new Dictionary<ActionSubject, SubjectState>(3);
        var (userState, deviceState, ipState) = (await user.ConfigureAwait(false), await device.ConfigureAwait(false), await address.ConfigureAwait(false));
        Add(states, ActionSubjectKind.UserId, userId, userState);
        Add(states, ActionSubjectKind.DeviceId, deviceId, deviceState);
        Add(states, ActionSubjectKind.IpAddress, ip, ipState);

        var minuteAgo = at - Minute;
        var ipHour = ipState?.Between(at - Hour, at).ToList() ?? [];
        var counts = new HistoryCounts(
            IpActionRate60Sec: ipHour.Count(a => a.Ticks >= minuteAgo.UtcTicks),
            UserActionRate60Sec: userState?.Between(minuteAgo, at).Count() ?? 0,
            DeviceActionRate60Sec: deviceState?.Between(minuteAgo, at).Count() ?? 0,
            IpUserCountLastHour: ipHour.Where(a => a.User != 0).Select(a => a.User).Distinct().Count(),
            IpDeviceCountLastHour: ipHour.Where(a => a.Device != 0).Select(a => a.Device).Distinct().Count(),
            LinkingDeviceToUsersCount: deviceState?.CountLinks(userId) ?? 0,
            LinkingUserToDeviceCount: userState?.CountLinks(deviceId) ?? 0);

        var second = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var userHash = SubjectStateHash.Of(userId);
        var learning = new LearningSignals(
            SameSecondIpActions: SameSecond(ipState, second),
            SameSecondUserActions: SameSecond(userState, second),
            SameSecondDeviceActions: SameSecond(deviceState, second),
            NewAccountsOnIpLastHour: NewAccounts(ipState, at),
            NewAccountsOnDeviceLastHour: NewAccounts(deviceState, at),
            LinkedFraudOnIp: LinkedFraud(ipState, userHash, at),
            LinkedFraudOnDevice: LinkedFraud(deviceState, userHash, at));
        var reputation = new ReputationSnapshot
        {
            User = userState?.Reputation ?? EntityReputation.Clean,
            Device = deviceState?.Reputation ?? EntityReputation.Clean,
            Ip = ipState?.Reputation ?? EntityReputation.Clean,
        };
        return new ActionHistory(counts, states, learning, reputation);
    }

    /// <summary>Other actions in the same second as this one (it is not listed yet).</summary>
    private static int SameSecond(SubjectState? state, DateTimeOffset second) => state?.Between(second, second.AddSeconds(1)).Count() ?? 0;

    /// <summary>Accounts first seen within the hour before <paramref name="at"/> that used the subject in that hour.</summary>
    private static int NewAccounts(SubjectState? state, DateTimeOffset at)
    {
        var (from, to) = ((at - SubjectState.NewAccountWindow).UtcTicks, at.UtcTicks);
        return state?.NewAccounts.Count(account => account.FirstSeenTicks >= from && account.LastTicks >= from && account.LastTicks <= to) ?? 0;
    }

    /// <summary>Fraud-labeled users of the subject other than the acting one, each halved every <see cref="LinkedFraudHalfLife"/> since its label.</summary>
    private static double LinkedFraud(SubjectState? state, ulong user, DateTimeOffset at)
    {
        var total = 0.0;
        foreach (var linked in state?.LinkedFraud ?? [])
        {
            if (linked.User != user)
            {
                var age = Math.Max(0, at.UtcTicks - linked.LabeledAtTicks) / (double)LinkedFraudHalfLife.Ticks;
                total += Math.Pow(0.5, age);
            }
        }

        return total;
    }

    private Task<SubjectState?> Read(
        string tenantId, ActionSubjectKind kind, string? value, Func<ActionSubject, SubjectState?>? known, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Task.FromResult<SubjectState?>(null);
        }

        var subject = new ActionSubject(kind, value);
        return known?.Invoke(subject) is { } state ? Task.FromResult<SubjectState?>(state) : ReadStateAsync(tenantId, subject, cancellationToken);
    }

    private async Task<SubjectState?> ReadStateAsync(string tenantId, ActionSubject subject, CancellationToken cancellationToken) =>
        await _states.ReadAsync(tenantId, subject, cancellationToken).ConfigureAwait(false);

    private static void Add(Dictionary<ActionSubject, SubjectState> states, ActionSubjectKind kind, string? value, SubjectState? state)
    {
        if (state is not null)
        {
            states[new ActionSubject(kind, value!)] = state;
        }
    }
}

/// <summary>The history signals of an action and the subject states they were counted from.</summary>
/// <param name="Counts">The signals.</param>
/// <param name="States">The states read, by subject (user, device, IP address), as the action's write starts from them.</param>
/// <param name="Learning">The counts only a learned model reads.</param>
/// <param name="Reputation">The reputation of the user, the device and the IP address (fingerprint and public key clean: not kept in states).</param>
public sealed record ActionHistory(
    HistoryCounts Counts, IReadOnlyDictionary<ActionSubject, SubjectState> States, LearningSignals Learning, ReputationSnapshot Reputation);
