using Azure.Data.Tables;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RiskFunctions.Storage;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Functions.Hosting;

/// <summary>The one <see cref="TableServiceClient"/> of the process and the service's tables on it.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>The connection used in Development when <c>Storage</c> names no account: the local Azurite.</summary>
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    /// <summary>
    /// Binds and validates <see cref="StorageOptions"/> (section <c>Storage</c>), registers one
    /// <see cref="TableServiceClient"/> with <c>AddAzureClients</c> (a connection string, or the table endpoint with
    /// the managed identity; the retry policy and time budget of <see cref="TableClientDefaults"/>), the
    /// <see cref="RiskTables"/> on it and the start-up creation of every table; the SDK's logs from Warning up
    /// (<see cref="AzureSdkLogging"/>). Safe to call from several
    /// features. In the Development environment an unconfigured section means the local Azurite; elsewhere it
    /// fails start-up.
    /// </summary>
    public static IServiceCollection AddRiskStorage(this IServiceCollection services)
    {
        if (services.Any(descriptor => descriptor.ServiceType == typeof(StorageRegistered)))
        {
            return services;
        }

        services.AddSingleton<StorageRegistered>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutageLogThrottle>();
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.ConnectionString) && options.TableEndpoint is null)
                {
                    options.ConnectionString = DevelopmentConnectionString;
                }
            })
            .Validate(options => options.Validate().Count == 0, "Storage: set exactly one of ConnectionString or TableEndpoint, a TablePrefix of ASCII letters and digits and a positive CallTimeout")
            .ValidateOnStart();
        services.AddAzureSdkWarnings();
        services.AddAzureClients(clients =>
        {
            // The credential is this client's own (the storage identity), not a default for every Azure client.
            clients.AddClient<TableServiceClient, TableClientOptions>((clientOptions, credential, provider) =>
                    TableClientDefaults.CreateServiceClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value, clientOptions, credential))
                .WithCredential(provider =>
                    TableClientDefaults.CreateManagedIdentity(provider.GetRequiredService<IOptions<StorageOptions>>().Value.ManagedIdentityClientId));
        });
        services.TryAddSingleton(provider => new RiskTables(
            provider.GetRequiredService<TableServiceClient>(),
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix));
        services.AddHostedService<StorageTablesInitializer>();
        return services;
    }

    /// <summary>Marks the registration done (another feature may have registered <see cref="RiskTables"/> on its own).</summary>
    private sealed class StorageRegistered;
}
