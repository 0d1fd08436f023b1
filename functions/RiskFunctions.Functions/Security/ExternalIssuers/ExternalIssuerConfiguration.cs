using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace RiskFunctions.Functions.Security.ExternalIssuers;

/// <summary>
/// Builds the configuration manager that fetches and refreshes one external issuer's keys (its refreshes
/// block the request that needs them: <see cref="IdentityModelSwitches"/>).
/// </summary>
public static class ExternalIssuerConfiguration
{
    public static ConfigurationManager<OpenIdConnectConfiguration> Create(ExternalIssuerOptions options, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = options.MetadataAddress ?? options.JwksUri
            ?? throw new ArgumentException($"External issuer '{options.Issuer}' needs MetadataAddress or JwksUri.", nameof(options));
        if (options.RefreshInterval < BaseConfigurationManager.MinimumAutomaticRefreshInterval
            || options.MinimumRefreshInterval < BaseConfigurationManager.MinimumRefreshInterval)
        {
            throw new ArgumentException(
                $"External issuer '{options.Issuer}': RefreshInterval must be at least {BaseConfigurationManager.MinimumAutomaticRefreshInterval} and MinimumRefreshInterval at least {BaseConfigurationManager.MinimumRefreshInterval}.",
                nameof(options));
        }

        IConfigurationRetriever<OpenIdConnectConfiguration> retriever = options.MetadataAddress is not null
            ? new OpenIdConnectConfigurationRetriever()
            : new JwksConfigurationRetriever(options.Issuer);
        return new ConfigurationManager<OpenIdConnectConfiguration>(
            address.ToString(),
            retriever,
            new HttpDocumentRetriever(http) { RequireHttps = options.RequireHttps })
        {
            AutomaticRefreshInterval = options.RefreshInterval,
            RefreshInterval = options.MinimumRefreshInterval,
        };
    }
}
