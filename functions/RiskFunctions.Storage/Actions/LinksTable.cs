using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// The links table: one key-only row per (device, user) pair in each direction. PartitionKey tenant + direction +
/// the device or user; RowKey the other side, so a count is one partition read.
/// </summary>
internal static class LinksTable
{
    public const string LinksTableName = "links";

    private const string DeviceUsers = "du";
    private const string UserDevices = "ud";

    /// <summary>The users seen with <paramref name="deviceId"/>.</summary>
    public static string UsersOfDevice(string tenantId, string deviceId) => Partition(tenantId, DeviceUsers, deviceId);

    /// <summary>The devices seen with <paramref name="userId"/>.</summary>
    public static string DevicesOfUser(string tenantId, string userId) => Partition(tenantId, UserDevices, userId);

    /// <summary>RowKey: the linked user or device id.</summary>
    public static string RowKey(string linkedValue) => StorageKeys.Value(linkedValue);

    /// <summary>The two rows that record <paramref name="userId"/> and <paramref name="deviceId"/> seen together.</summary>
    public static (TableEntity UserOfDevice, TableEntity DeviceOfUser) ToEntities(string tenantId, string userId, string deviceId) =>
        (new TableEntity(UsersOfDevice(tenantId, deviceId), RowKey(userId)), new TableEntity(DevicesOfUser(tenantId, userId), RowKey(deviceId)));

    private static string Partition(string tenantId, string direction, string value) =>
        string.Concat(TableKeyEncoder.Join(tenantId, direction), "|", StorageKeys.Value(value));
}
