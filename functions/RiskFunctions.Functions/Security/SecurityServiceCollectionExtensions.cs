using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Security.Abuse;
using RiskFunctions.Functions.Security.Authentication;
using RiskFunctions.Functions.Security.Clients;
using RiskFunctions.Functions.Security.ExternalIssuers;
using RiskFunctions.Functions.Security.Hardening;
using RiskFunctions.Functions.Security.Keys;
using RiskFunctions.Functions.Security.RateLimiting;
using RiskFunctions.Functions.Security.TokenEndpoint;
using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Security;

/// <summary>
/// Registers token issuing and validation, the bearer scheme, one authorization policy per scope, client
/// secret hashing, per-client rate limits, the action-token cool-down and request limits.
/// </summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>Name of the HTTP client that fetches external issuers' key documents.</summary>
    public const string ExternalIssuerHttpClient = "external-issuers";

    public static IServiceCollection AddRiskSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SigningKeyOptions>().BindConfiguration(SigningKeyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => SigningKeyRingFactory.Create(provider.GetRequiredService<IOptions<SigningKeyOptions>>().Value));
        services.AddSingleton(provider => new ValidatedTokenCache(provider.GetRequiredService<IOptions<TokenOptions>>().Value.ValidatedTokenCacheSize));
        services.AddSingleton<AccessTokenFactory>();
        services.AddSingleton<RiskTokenValidator>();
        services.AddSingleton<ITrustedIssuer, BuiltInIssuer>();
        AddExternalIssuers(services, configuration);

        services.AddAuthentication(RiskTokenDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, RiskTokenAuthenticationHandler>(RiskTokenDefaults.AuthenticationScheme, _ => { });

        services.AddSingleton<SecurityMetrics>();
        services.AddOptions<ClientSecretOptions>().BindConfiguration(ClientSecretOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ClientSecretHasher>();
        services.AddClientRateLimiting();
        services.AddOptions<ActionTokenAbuseOptions>().BindConfiguration(ActionTokenAbuseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ActionTokenAbuseTracker>();
        services.AddRequestHardening();
        services.AddSingleton<ClientAddress>();
        services.AddTokenEndpoint();
        return services;
    }

    private static void AddExternalIssuers(IServiceCollection services, IConfiguration configuration)
    {
        var issuers = configuration.GetSection(ExternalIssuerOptions.SectionName).Get<List<ExternalIssuerOptions>>() ?? [];
        if (issuers.Count == 0)
        {
            return;
        }

        services.AddHttpClient(ExternalIssuerHttpClient, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(10);
            client.MaxResponseContentBufferSize = 1024 * 1024;
        });
        foreach (var options in issuers)
        {
            services.AddSingleton<ITrustedIssuer>(provider => new ExternalIssuer(
                options,
                ExternalIssuerConfiguration.Create(options, provider.GetRequiredService<IHttpClientFactory>().CreateClient(ExternalIssuerHttpClient)),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<ExternalIssuer>>()));
        }
    }
}
