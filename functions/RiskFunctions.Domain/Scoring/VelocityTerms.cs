namespace RiskFunctions.Domain.Scoring;

/// <summary>Velocity and linking terms from <see cref="HistoryCounts"/>: each adds log-scaled risk above its threshold.</summary>
internal static class VelocityTerms
{
    public static void Add(ref ContributionSet set, ScoringModelOptions options, in HistoryCounts history)
    {
        Add(ref set, ScoreFactor.VelocityIp, options.IpActionRate, history.IpActionRate60Sec, ReasonCode.VelocityIpHigh);
        Add(ref set, ScoreFactor.VelocityUser, options.UserActionRate, history.UserActionRate60Sec, ReasonCode.VelocityUserHigh);
        Add(ref set, ScoreFactor.VelocityDevice, options.DeviceActionRate, history.DeviceActionRate60Sec, ReasonCode.VelocityDeviceHigh);
        Add(ref set, ScoreFactor.IpUsers, options.IpUserCount, history.IpUserCountLastHour, ReasonCode.IpManyUsers);
        Add(ref set, ScoreFactor.IpDevices, options.IpDeviceCount, history.IpDeviceCountLastHour, ReasonCode.IpManyDevices);
        Add(ref set, ScoreFactor.DeviceUsers, options.DeviceUserCount, history.LinkingDeviceToUsersCount, ReasonCode.DeviceManyUsers);
        Add(ref set, ScoreFactor.UserDevices, options.UserDeviceCount, history.LinkingUserToDeviceCount, ReasonCode.UserManyDevices);
    }

    private static void Add(ref ContributionSet set, ScoreFactor factor, VelocityWeight weight, int count, ReasonCode reason) =>
        set.Add(factor, weight.Apply(count), count, reason);
}
