namespace RiskFunctions.Storage;

/// <summary>
/// Where the tables and the model blobs live and how to reach them. Bind from the <c>Storage</c> configuration
/// section. Either <see cref="ConnectionString"/> (Azurite, or an account key; it names both services) or
/// <see cref="TableEndpoint"/> (Azure, managed identity; the blob endpoint is the same account's unless
/// <see cref="BlobEndpoint"/> says otherwise).
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>A storage connection string; <c>UseDevelopmentStorage=true</c> for the default local Azurite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's table endpoint, e.g. <c>https://acct.table.core.windows.net</c>; used with a managed identity.</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>
    /// The account's blob endpoint, used with a managed identity; when unset, the table endpoint's account
    /// (<c>https://acct.table.core.windows.net</c> → <c>https://acct.blob.core.windows.net</c>).
    /// </summary>
    public Uri? BlobEndpoint { get; set; }

    /// <summary>The blob container of the tenants' learned models (<c>Storage__ModelContainer</c>, default <c>risk-models</c>).</summary>
    public string ModelContainer { get; set; } = "risk-models";

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

        if (BlobEndpoint is { IsAbsoluteUri: false })
        {
            errors.Add($"{SectionName}:{nameof(BlobEndpoint)}: must be an absolute URI");
        }

        if (!IsContainerName(ModelContainer))
        {
            errors.Add($"{SectionName}:{nameof(ModelContainer)}: must be 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit");
        }

        if (CallTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:{nameof(CallTimeout)}: must be positive");
        }

        return errors;
    }

    /// <summary>The blob endpoint to use with a managed identity: <see cref="BlobEndpoint"/>, else the table endpoint's account.</summary>
    public Uri? ResolveBlobEndpoint()
    {
        if (BlobEndpoint is not null || TableEndpoint is null)
        {
            return BlobEndpoint;
        }

        var host = TableEndpoint.Host.Replace(".table.", ".blob.", StringComparison.OrdinalIgnoreCase);
        return new UriBuilder(TableEndpoint) { Host = host }.Uri;
    }

    private static bool IsContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !name.Contains("--", StringComparison.Ordinal);
}
