namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// Velocity and linking counts of an action (<c>risk_signals.history</c>), computed from the action index
/// in storage so they hold across scaled-out instances.
/// </summary>
/// <param name="IpActionRate60Sec">Actions from the same IP within the 60 seconds before this one.</param>
/// <param name="UserActionRate60Sec">Actions of the same user within the 60 seconds before this one.</param>
/// <param name="DeviceActionRate60Sec">Actions from the same device id within the 60 seconds before this one.</param>
/// <param name="IpUserCountLastHour">Distinct user ids seen with the IP within the hour before this action.</param>
/// <param name="IpDeviceCountLastHour">Distinct device ids seen with the IP within the hour before this action.</param>
/// <param name="LinkingDeviceToUsersCount">Distinct user ids ever seen with this device id, this action included.</param>
/// <param name="LinkingUserToDeviceCount">Distinct device ids ever seen with this user id, this action included.</param>
public readonly record struct HistoryCounts(
    int IpActionRate60Sec,
    int UserActionRate60Sec,
    int DeviceActionRate60Sec,
    int IpUserCountLastHour,
    int IpDeviceCountLastHour,
    int LinkingDeviceToUsersCount,
    int LinkingUserToDeviceCount);
