using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RiskFunctions.Handler.Security;
using RiskFunctions.Testing.Security;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Handler.Tests.Security;

/// <summary>
/// The security pipeline alone (bearer scheme, scope policies, limits, discovery and token endpoints) in
/// an in-memory server or on Kestrel, with one probe endpoint per scope: <c>GET /probe/{scope}</c>
/// answers the caller's tenant.
/// </summary>
internal sealed class SecurityTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SecurityTestApp(WebApplication app, ManualTimeProvider time, HttpClient client)
    {
        _app = app;
        Time = time;
        Client = client;
    }

    public ManualTimeProvider Time { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SecurityTestApp> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplication>? map = null,
        Action<IServiceCollection>? services = null,
        bool kestrel = false)
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        if (kestrel)
        {
            // A real server on a free loopback port, for the limits only Kestrel enforces.
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(TestTokens.HandlerSettings);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddRiskSecurity(builder.Configuration);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseRiskSecurity();
        app.MapSecurityApi();
        foreach (var scope in TestTokens.AllScopes)
        {
            app.MapGet("/probe/" + scope, (HttpContext context) => Results.Text(context.User.GetTenantId()))
                .RequireAuthorization(scope);
        }

        map?.Invoke(app);
        await app.StartAsync();
        var client = kestrel ? new HttpClient { BaseAddress = new Uri(app.Urls.First()) } : app.GetTestClient();
        return new SecurityTestApp(app, time, client);
    }

    /// <summary>GET /probe/{scope} with the given Authorization header value (none when null).</summary>
    public async Task<HttpResponseMessage> ProbeAsync(string scope, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/probe/" + scope);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> ProbeWithTokenAsync(string token, string scope = "rules:read") => ProbeAsync(scope, "Bearer " + token);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
