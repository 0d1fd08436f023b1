using Microsoft.AspNetCore.Builder;
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
/// The security pipeline alone (bearer scheme, scope policies, discovery endpoints) in an in-memory
/// server, with one probe endpoint per scope: <c>GET /probe/{scope}</c> answers the caller's tenant.
/// </summary>
internal sealed class SecurityTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SecurityTestApp(WebApplication app, ManualTimeProvider time)
    {
        _app = app;
        Time = time;
        Client = app.GetTestClient();
    }

    public ManualTimeProvider Time { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SecurityTestApp> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplication>? map = null,
        Action<IServiceCollection>? services = null)
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
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
        return new SecurityTestApp(app, time);
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
