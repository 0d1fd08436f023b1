namespace RiskFunctions.Storage;

/// <summary>
/// Where the tables live and how to reach them. Bind from the <c>Storage</c> configuration section. Either
/// <see cref="ConnectionString"/> (Azurite, or an account key) or <see cref="TableEndpoint"/> (Azure, managed identity).
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>A storage connection string; <c>UseDevelopmentStorage=true</c> for the default local Azurite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's table endpoint, e.g. <c>https://acct.table.core.windows.net</c>; used with a managed identity.</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prepended to every table name (letters and digits), so several deployments or test classes can share an account.</summary>
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>
    /// The longest one storage call may take, retries included (<c>Storage__CallTimeout</c>, default 4 s), so a
    /// request that needs storage answers promptly when storage is down.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>What is wrong with these options, as <c>"field: problem"</c> lines; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        if (hasConnectionString == (TableEndpoint is not null))
        {
            errors.Add($"{SectionName}: set exactly one of {nameof(ConnectionString)} or {nameof(TableEndpoint)}");
        }

        if (TableEndpoint is { IsAbsoluteUri: false })
        {
            errors.Add($"{SectionName}:{nameof(TableEndpoint)}: must be an absolute URI");
        }

        if (!string.IsNullOrEmpty(TablePrefix) && !(char.IsAsciiLetter(TablePrefix[0]) && TablePrefix.All(char.IsAsciiLetterOrDigit)))
        {
            errors.Add($"{SectionName}:{nameof(TablePrefix)}: must be ASCII letters and digits, starting with a letter");
        }

        if (CallTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:{nameof(CallTimeout)}: must be positive");
        }

        return errors;
    }
}
