namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// The logical names of the profile tables (the configured prefix is prepended); <see cref="ProfilesTable"/> and
/// <see cref="PopulationTable"/> own the tables.
/// </summary>
public static class ProfileTables
{
    /// <summary>Per-user history: tenant + user / <c>~</c>, one row holding the summary and every feature value.</summary>
    public const string ProfilesTableName = ProfilesTable.ProfilesTableName;

    /// <summary>Tenant-wide counts of feature values: tenant + feature kind + bucket / value + shard.</summary>
    public const string PopulationTableName = PopulationTable.PopulationTableName;

    public static IReadOnlyList<string> All { get; } = [ProfilesTableName, PopulationTableName];
}
