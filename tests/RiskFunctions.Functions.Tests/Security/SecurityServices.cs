using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RiskFunctions.Functions.Security;
using RiskFunctions.Functions.Security.Tokens;
using RiskFunctions.Testing.Security;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>
/// The security services as the worker composes them (<see cref="SecurityServiceCollectionExtensions.AddRiskSecurity"/>),
/// trusting <see cref="TestTokens"/>, on a manual clock: for what depends on time or on start-up settings, which a
/// running worker cannot be made to show.
/// </summary>
internal sealed class SecurityServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private SecurityServices(ServiceProvider provider, ManualTimeProvider time)
    {
        _provider = provider;
        Time = time;
    }

    public ManualTimeProvider Time { get; }

    public IServiceProvider Services => _provider;

    public static SecurityServices Create(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(TestTokens.HandlerSettings)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddMetrics();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddSingleton<TimeProvider>(time);
        collection.AddRiskSecurity(configuration);
        services?.Invoke(collection);
        return new SecurityServices(collection.BuildServiceProvider(), time);
    }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public ValueTask<TokenValidationResult> ValidateAsync(string token) => Get<RiskTokenValidator>().ValidateAsync(token);

    /// <summary>A valid token of the built-in issuer, issued now by this composition's clock.</summary>
    public string Token(string tenantId, params string[] scopes) => TestTokens.Create(new TestTokenDescriptor
    {
        TenantId = tenantId,
        IssuedAt = Time.GetUtcNow(),
        Scopes = scopes.Length == 0 ? TestTokens.AllScopes : scopes,
    });

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
