namespace RiskFunctions.Storage.ServiceBus;

/// <summary>
/// Where messages go and how the sender authenticates. Either <see cref="ConnectionString"/> (SAS: an
/// <c>Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…</c> string) or
/// <see cref="FullyQualifiedNamespace"/> with a managed identity (Entra ID; role Azure Service Bus Data Sender).
/// </summary>
public sealed class ServiceBusSenderOptions
{
    public string? ConnectionString { get; set; }

    /// <summary>e.g. <c>sb-risk-eu.servicebus.windows.net</c>.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty for the system-assigned one.</summary>
    public string? ClientId { get; set; }

    /// <summary>How long a shared access signature is valid for.</summary>
    public TimeSpan SasLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>What is wrong with these options, as <c>"field: problem"</c> lines; empty when valid.</summary>
    public IReadOnlyList<string> Validate(string section)
    {
        var errors = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        if (hasConnectionString == !string.IsNullOrWhiteSpace(FullyQualifiedNamespace))
        {
            errors.Add($"{section}: set exactly one of a connection string or fullyQualifiedNamespace");
        }
        else if (hasConnectionString && ServiceBusConnectionString.TryParse(ConnectionString!) is null)
        {
            errors.Add($"{section}: the connection string needs Endpoint, SharedAccessKeyName and SharedAccessKey");
        }

        return errors;
    }
}
