using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Security;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Handler.Tests.Features.Rules;

/// <summary>The real handler composition in memory, on the test class's own tables in the shared Azurite.</summary>
internal sealed class RulesTestApp : WebApplicationFactory<Program>
{
    private readonly AzuriteFixture _azurite;
    private readonly string _tablePrefix;

    public RulesTestApp(AzuriteFixture azurite, ManualTimeProvider? time = null)
    {
        _azurite = azurite;
        _tablePrefix = azurite.NewTablePrefix();
        Time = time;
    }

    public ManualTimeProvider? Time { get; }

    /// <summary>A client sending <paramref name="tenant"/>'s token with the given scopes (all when none).</summary>
    public HttpClient ClientFor(TestTenant tenant, params string[] scopes) => tenant.Authorize(CreateClient(), scopes);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:ConnectionString", _azurite.ConnectionString);
        builder.UseSetting("Storage:CallTimeout", AzuriteFixture.TestCallTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Storage:TablePrefix", _tablePrefix);
        foreach (var (key, value) in TestTokens.HandlerSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders());
        if (Time is not null)
        {
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
        }
    }
}

/// <summary>One <see cref="RulesTestApp"/> per test class (tests keep apart by using their own tenants).</summary>
public sealed class RulesAppFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    internal RulesTestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        App = new RulesTestApp(_azurite);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
