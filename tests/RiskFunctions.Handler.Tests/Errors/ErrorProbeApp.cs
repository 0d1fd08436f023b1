using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RiskFunctions.Handler.Errors;

namespace RiskFunctions.Handler.Tests.Errors;

/// <summary>
/// An in-memory app with the production error wiring and probe endpoints that bind bodies, query
/// values and headers the way feature endpoints do.
/// </summary>
internal sealed class ErrorProbeApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ErrorProbeApp(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public static async Task<ErrorProbeApp> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddApiErrors();
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ProbeJsonContext.Default));

        var app = builder.Build();
        app.UseApiErrors();
        app.MapPost("/probe/body", (ProbeRequest request) => TypedResults.Ok(request));
        app.MapGet("/probe/query", ([FromQuery(Name = "page_size")] int pageSize, [FromQuery(Name = "get_recommendation")] bool? getRecommendation) =>
            TypedResults.Ok(pageSize));
        app.MapGet("/probe/required", ([FromQuery(Name = "action_token")] string actionToken) => TypedResults.Ok(actionToken));
        app.MapGet("/probe/throw", string () => throw new InvalidOperationException("Secret connection string: AccountKey=abc"));
        app.MapGet("/probe/conflict", () => ApiError.Conflict("priority", "is already used by rule r1"));
        app.MapPost("/probe/vendor", (ProbeRequest request) => TypedResults.Ok(request)).WithErrorFormat(new VendorErrorFormat());
        app.MapGet("/probe/vendor/throw", string () => throw new InvalidOperationException("boom")).WithErrorFormat(new VendorErrorFormat());
        await app.StartAsync();
        return new ErrorProbeApp(app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
