using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Which users each device id was seen with, and which device ids each user was seen with: the
/// <c>linking_device_to_users_count</c> and <c>linking_user_to_device_count</c> signals. One row per pair in
/// each direction, so a count is one partition read that stops at <see cref="MaxCounted"/>.
/// </summary>
public class LinkRepository
{
    /// <summary>Counts saturate here: one page of keys (far above every scoring threshold).</summary>
    public const int MaxCounted = 1000;

    private static readonly string[] KeyOnly = ["RowKey"];

    private readonly TableClient _table;

    public LinkRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(LinksTable.LinksTableName);
    }

    /// <summary>For mocking.</summary>
    protected LinkRepository() => _table = null!;

    /// <summary>Records that <paramref name="userId"/> and <paramref name="deviceId"/> were seen together (idempotent).</summary>
    public virtual Task LinkAsync(string tenantId, string userId, string deviceId, CancellationToken cancellationToken = default)
    {
        var (userOfDevice, deviceOfUser) = LinksTable.ToEntities(tenantId, userId, deviceId);
        return Task.WhenAll(
            _table.UpsertCheckedAsync(userOfDevice, TableUpdateMode.Replace, cancellationToken),
            _table.UpsertCheckedAsync(deviceOfUser, TableUpdateMode.Replace, cancellationToken));
    }

    /// <summary>Distinct users seen with the device, counting <paramref name="withUserId"/> too when given.</summary>
    public virtual Task<int> CountUsersOfDeviceAsync(string tenantId, string deviceId, string? withUserId, CancellationToken cancellationToken = default) =>
        CountAsync(LinksTable.UsersOfDevice(tenantId, deviceId), withUserId, cancellationToken);

    /// <summary>Distinct devices seen with the user, counting <paramref name="withDeviceId"/> too when given.</summary>
    public virtual Task<int> CountDevicesOfUserAsync(string tenantId, string userId, string? withDeviceId, CancellationToken cancellationToken = default) =>
        CountAsync(LinksTable.DevicesOfUser(tenantId, userId), withDeviceId, cancellationToken);

    private async Task<int> CountAsync(string partitionKey, string? including, CancellationToken cancellationToken)
    {
        var includingKey = including is null ? null : LinksTable.RowKey(including);
        var count = 0;
        var seen = false;
        var filter = TableFilter.Create($"PartitionKey eq {partitionKey}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, MaxCounted, KeyOnly, cancellationToken)
            .AsPages(pageSizeHint: MaxCounted).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var entity in page.Values)
            {
                count++;
                seen |= string.Equals(entity.RowKey, includingKey, StringComparison.Ordinal);
            }

            if (count >= MaxCounted || page.ContinuationToken is null)
            {
                break;
            }
        }

        return Math.Min(MaxCounted, count + (includingKey is not null && !seen ? 1 : 0));
    }
}
