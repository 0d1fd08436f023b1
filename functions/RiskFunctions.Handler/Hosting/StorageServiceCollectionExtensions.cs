using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RiskFunctions.Storage;

namespace RiskFunctions.Handler.Hosting;

/// <summary>The one <see cref="RiskTables"/> of the process, for every feature that stores something.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>The connection used in Development when <c>Storage</c> names no account: the local Azurite.</summary>
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    /// <summary>
    /// Binds and validates <see cref="StorageOptions"/> (section <c>Storage</c>) and registers one
    /// <see cref="RiskTables"/>. Safe to call from several features. In the Development environment an
    /// unconfigured section means the local Azurite; elsewhere it fails start-up.
    /// </summary>
    public static IServiceCollection AddRiskStorage(this IServiceCollection services)
    {
        if (services.Any(descriptor => descriptor.ServiceType == typeof(StorageRegistered)))
        {
            return services;
        }

        services.AddSingleton<StorageRegistered>();
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.ConnectionString) && options.TableEndpoint is null)
                {
                    options.ConnectionString = DevelopmentConnectionString;
                }
            })
            .Validate(options => options.Validate().Count == 0, "Storage: set exactly one of ConnectionString or TableEndpoint, and a TablePrefix of ASCII letters and digits")
            .ValidateOnStart();
        services.TryAddSingleton(provider => RiskTables.Create(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        return services;
    }

    /// <summary>Marks the registration done (another feature may have registered <see cref="RiskTables"/> on its own).</summary>
    private sealed class StorageRegistered;
}
