namespace RiskFunctions.Domain.Scoring;

/// <summary>Velocity and linking terms from <see cref="HistoryCounts"/>: each adds log-scaled risk above its threshold.</summary>
internal static class VelocityTerms
{
    public static void Add(ContributionSet set, ScoringModelOptions options, in HistoryCounts history)
    {
        Add(set, ScoreFactor.VelocityIp, options.IpActionRate, history.IpActionRate60Sec, ReasonCode.VelocityIpHigh);
        Add(set, ScoreFactor.VelocityUser, options.UserActionRate, history.UserActionRate60Sec, ReasonCode.VelocityUserHigh);
        Add(set, ScoreFactor.VelocityDevice, options.DeviceActionRate, history.DeviceActionRate60Sec, ReasonCode.VelocityDeviceHigh);
        Add(set, ScoreFactor.IpUsers, options.IpUserCount, history.IpUserCountLastHour, ReasonCode.IpManyUsers);
        Add(set, ScoreFactor.IpDevices, options.IpDeviceCount, history.IpDeviceCountLastHour, ReasonCode.IpManyDevices);
        Add(set, ScoreFactor.DeviceUsers, options.DeviceUserCount, history.LinkingDeviceToUsersCount, ReasonCode.DeviceManyUsers);
        Add(set, ScoreFactor.UserDevices, options.UserDeviceCount, history.LinkingUserToDeviceCount, ReasonCode.UserManyDevices);
    }

    private static void Add(ContributionSet set, ScoreFactor factor, VelocityWeight weight, int count, ReasonCode reason) =>
        set.Add(factor, weight.Apply(count), count, reason);
}
