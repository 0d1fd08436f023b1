namespace RiskFunctions.Storage.ServiceBus;

/// <summary>The parts of a Service Bus SAS connection string this sender uses.</summary>
public sealed record ServiceBusConnectionString(Uri Endpoint, string KeyName, string Key)
{
    /// <summary>Parses <c>Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…</c>; null when incomplete.</summary>
    public static ServiceBusConnectionString? TryParse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Endpoint", out var endpoint)
            || !parts.TryGetValue("SharedAccessKeyName", out var keyName)
            || !parts.TryGetValue("SharedAccessKey", out var key)
            || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return null;
        }

        // sb:// names the namespace; the REST API is the same host over HTTPS (plain HTTP for a local emulator).
        var scheme = uri.Scheme == "sb" ? Uri.UriSchemeHttps : uri.Scheme;
        var builder = new UriBuilder(uri) { Scheme = scheme, Port = uri.IsDefaultPort || uri.Scheme == "sb" ? -1 : uri.Port, Path = "/" };
        return new ServiceBusConnectionString(builder.Uri, keyName, key);
    }
}
