using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Clients;

namespace RiskFunctions.Functions.Security.TokenEndpoint;

/// <summary>The token endpoint's services: the client registry in Table Storage, the authenticator and its limits.</summary>
public static class TokenEndpointServiceCollectionExtensions
{
    public static IServiceCollection AddTokenEndpoint(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        services.TryAddSingleton(provider => RiskTables.Create(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<ClientRepository>();
        services.AddSingleton<TokenEndpointLimiter>();
        services.AddSingleton<ClientAuthenticator>();
        return services;
    }
}
