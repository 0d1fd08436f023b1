namespace RiskFunctions.Storage.Profiles;

/// <summary>The logical names of the profile tables (the configured prefix is prepended).</summary>
public static class ProfileTables
{
    /// <summary>Per-user history: tenant + user / feature kind + value, plus one summary row.</summary>
    public const string ProfilesTableName = "profiles";

    /// <summary>Tenant-wide counts of feature values: tenant + feature kind / value + shard.</summary>
    public const string PopulationTableName = "population";

    public static IReadOnlyList<string> All { get; } = [ProfilesTableName, PopulationTableName];
}
