namespace RiskFunctions.Storage.Tables;

/// <summary>The table endpoint and shared key named by a storage connection string.</summary>
internal sealed record TableConnectionString(Uri TableEndpoint, TableSharedKeyCredential Credential)
{
    /// <summary>Azurite's well-known development account (public, documented by Microsoft).</summary>
    internal const string DevelopmentAccountName = "devstoreaccount1";

    internal const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Uri DevelopmentTableEndpoint = new("http://127.0.0.1:10002/devstoreaccount1");

    /// <summary>
    /// Parses <c>UseDevelopmentStorage=true</c> or <c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…</c>
    /// with an optional <c>TableEndpoint</c> or <c>EndpointSuffix</c>.
    /// </summary>
    public static TableConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var segments = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            // Never echo a segment: it could be a key.
            var segment = segments[i];
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"Connection string segment {i + 1} is not a key=value pair.");
            }

            settings[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development) &&
            string.Equals(development, "true", StringComparison.OrdinalIgnoreCase))
        {
            return new(
                settings.TryGetValue("TableEndpoint", out var devEndpoint) ? new Uri(devEndpoint) : DevelopmentTableEndpoint,
                new TableSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey));
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new NotSupportedException("SAS connection strings are not supported; use an account key or a managed identity.");
        }

        var account = Require(settings, "AccountName");
        var key = Require(settings, "AccountKey");
        var endpoint = settings.TryGetValue("TableEndpoint", out var explicitEndpoint)
            ? new Uri(explicitEndpoint)
            : new Uri($"{settings.GetValueOrDefault("DefaultEndpointsProtocol", "https")}://{account}.table.{settings.GetValueOrDefault("EndpointSuffix", "core.windows.net")}");
        return new(endpoint, new TableSharedKeyCredential(account, key));
    }

    private static string Require(Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"The connection string has no {name}.");
}
