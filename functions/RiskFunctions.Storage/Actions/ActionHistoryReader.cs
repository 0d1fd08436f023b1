using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Computes <c>risk_signals.history</c> for a new action from the action index and the link table, so the
/// figures hold across every instance. Five independent reads, issued in parallel.
/// </summary>
/// <remarks>
/// Rates count actions strictly before <c>at</c>. The IP's last hour is read as one page of at most
/// <see cref="ActionIndexRepository.MaxPageSize"/> rows, newest first: <c>ip_action_rate_60_sec</c> is
/// exact up to that many actions a minute, and the distinct users and devices of the hour are counted
/// over that page (a lower bound for an address busier than that, far above every scoring threshold).
/// </remarks>
public class ActionHistoryReader
{
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly ActionIndexRepository _index;
    private readonly LinkRepository _links;

    public ActionHistoryReader(ActionIndexRepository index, LinkRepository links)
    {
        _index = index;
        _links = links;
    }

    /// <summary>For mocking.</summary>
    protected ActionHistoryReader()
    {
        _index = null!;
        _links = null!;
    }

    /// <param name="tenantId">The tenant.</param>
    /// <param name="userId">The action's user (<c>user_id</c>, else <c>claimed_user_id</c>), if any.</param>
    /// <param name="deviceId">The action's <c>device_id</c>, if any.</param>
    /// <param name="ip">The action's IP, if any.</param>
    /// <param name="at">When the action happened.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public virtual async Task<HistoryCounts> ReadAsync(
        string tenantId, string? userId, string? deviceId, string? ip, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var ipHour = ip is null
            ? Task.FromResult<IndexedActionPage?>(null)
            : QueryAsync(tenantId, new ActionSubject(ActionSubjectKind.IpAddress, ip), at - Hour, at, cancellationToken);
        var userMinute = userId is null
            ? Task.FromResult<IndexedActionPage?>(null)
            : QueryAsync(tenantId, new ActionSubject(ActionSubjectKind.UserId, userId), at - Minute, at, cancellationToken);
        var deviceMinute = deviceId is null
            ? Task.FromResult<IndexedActionPage?>(null)
            : QueryAsync(tenantId, new ActionSubject(ActionSubjectKind.DeviceId, deviceId), at - Minute, at, cancellationToken);
        var deviceUsers = deviceId is null
            ? Task.FromResult(0)
            : _links.CountUsersOfDeviceAsync(tenantId, deviceId, userId, cancellationToken);
        var userDevices = userId is null
            ? Task.FromResult(0)
            : _links.CountDevicesOfUserAsync(tenantId, userId, deviceId, cancellationToken);
        await Task.WhenAll(ipHour, userMinute, deviceMinute, deviceUsers, userDevices).ConfigureAwait(false);

        var ipActions = (await ipHour.ConfigureAwait(false))?.Items ?? [];
        var minuteAgo = at - Minute;
        return new HistoryCounts(
            IpActionRate60Sec: ipActions.Count(a => a.OccurredAt >= minuteAgo),
            UserActionRate60Sec: (await userMinute.ConfigureAwait(false))?.Items.Count ?? 0,
            DeviceActionRate60Sec: (await deviceMinute.ConfigureAwait(false))?.Items.Count ?? 0,
            IpUserCountLastHour: ipActions.Where(a => a.UserId is not null).Select(a => a.UserId).Distinct(StringComparer.Ordinal).Count(),
            IpDeviceCountLastHour: ipActions.Where(a => a.DeviceId is not null).Select(a => a.DeviceId).Distinct(StringComparer.Ordinal).Count(),
            LinkingDeviceToUsersCount: await deviceUsers.ConfigureAwait(false),
            LinkingUserToDeviceCount: await userDevices.ConfigureAwait(false));
    }

    private async Task<IndexedActionPage?> QueryAsync(string tenantId, ActionSubject subject, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await _index.QueryPageAsync(tenantId, subject, from, to, cancellationToken: cancellationToken).ConfigureAwait(false);
}
