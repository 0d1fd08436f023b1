using Azure.Messaging.ServiceBus;

namespace RiskFunctions.Storage.ServiceBus;

/// <summary>
/// One Service Bus connection as the Functions host's trigger reads it from the <c>connection</c> setting
/// (<c>ServiceBusConnection</c>): either the setting itself is a SAS connection string
/// (<c>Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…</c>), or it is a section with
/// <c>fullyQualifiedNamespace</c> and an Entra identity: <c>credential</c> <c>managedidentity</c> (with
/// <c>clientId</c> for a user-assigned one) in Azure, the default credential chain when absent (a developer's
/// sign-in). The identity needs the role Azure Service Bus Data Sender.
/// </summary>
public sealed record ServiceBusConnectionSettings(string? ConnectionString, string? FullyQualifiedNamespace, string? Credential, string? ClientId)
{
    /// <summary>The one <c>credential</c> value the Functions host defines.</summary>
    public const string ManagedIdentityCredential = "managedidentity";

    /// <summary>What is wrong with these settings, as <c>"setting: problem"</c> lines; empty when usable.</summary>
    public IReadOnlyList<string> Validate(string section)
    {
        var errors = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        if (hasConnectionString == !string.IsNullOrWhiteSpace(FullyQualifiedNamespace))
        {
            errors.Add(hasConnectionString
                ? $"{section}: set either a connection string or {section}__fullyQualifiedNamespace, not both"
                : $"{section}: is required: a connection string, or {section}__fullyQualifiedNamespace with a managed identity");
        }
        else if (hasConnectionString)
        {
            ValidateConnectionString(section, errors);
        }
        else if (Uri.CheckHostName(FullyQualifiedNamespace!.Trim()) != UriHostNameType.Dns)
        {
            errors.Add($"{section}__fullyQualifiedNamespace: must be a host name such as <namespace>.servicebus.windows.net");
        }

        if (!string.IsNullOrWhiteSpace(Credential) && !string.Equals(Credential, ManagedIdentityCredential, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{section}__credential: must be '{ManagedIdentityCredential}' or absent");
        }

        return errors;
    }

    private void ValidateConnectionString(string section, List<string> errors)
    {
        try
        {
            var properties = ServiceBusConnectionStringProperties.Parse(ConnectionString!);
            if (string.IsNullOrEmpty(properties.SharedAccessSignature)
                && (string.IsNullOrEmpty(properties.SharedAccessKeyName) || string.IsNullOrEmpty(properties.SharedAccessKey)))
            {
                errors.Add($"{section}: the connection string needs SharedAccessKeyName and SharedAccessKey (or a SharedAccessSignature)");
            }
        }
        catch (FormatException ex)
        {
            errors.Add($"{section}: the connection string is not valid ({ex.Message})");
        }
    }
}
