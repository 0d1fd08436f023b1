using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Computes <c>risk_signals.history</c> for a new action from the <see cref="SubjectState"/> of its user, device and
/// IP address: three point reads, issued in parallel, so the figures hold across every instance and cost the same
/// whatever the tables hold.
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
    /// <returns>The counts, and the states they came from (the action's write starts from them).</returns>
    public virtual async Task<ActionHistory> ReadAsync(
        string tenantId, string? userId, string? deviceId, string? ip, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var user = Read(tenantId, ActionSubjectKind.UserId, userId, cancellationToken);
        var device = Read(tenantId, ActionSubjectKind.DeviceId, deviceId, cancellationToken);
        var address = Read(tenantId, ActionSubjectKind.IpAddress, ip, cancellationToken);
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
        return new ActionHistory(counts, states);
    }

    private Task<SubjectState?> Read(string tenantId, ActionSubjectKind kind, string? value, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(value)
            ? Task.FromResult<SubjectState?>(null)
            : ReadStateAsync(tenantId, new ActionSubject(kind, value), cancellationToken);

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
public sealed record ActionHistory(HistoryCounts Counts, IReadOnlyDictionary<ActionSubject, SubjectState> States);
