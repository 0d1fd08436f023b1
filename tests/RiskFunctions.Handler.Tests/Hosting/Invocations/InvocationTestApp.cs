using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RiskFunctions.Handler.Errors;
using RiskFunctions.Handler.Hosting;
using RiskFunctions.Handler.Hosting.Invocations;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Host;

namespace RiskFunctions.Handler.Tests.Hosting.Invocations;

/// <summary>
/// The production hosting, error and envelope composition on real Kestrel, with a test catalog whose
/// functions are served by <see cref="ScriptedInvocationHandler"/>, and the host harness in front of it
/// (function.json files written by the production metadata writer, host.json from the repository).
/// </summary>
internal sealed class InvocationTestApp : IAsyncDisposable
{
    public const string Queue = "TestQueue";
    public const string Timer = "TestTimer";
    public const string Unhandled = "TestUnhandled";

    public static readonly FunctionDefinition[] Catalog =
    [
        new(Queue, new ServiceBusQueueTrigger("%TestQueueName%", "ServiceBusConnection", BindingName: "envelopeMessage")),
        new(Timer, new TimerTrigger("0 */5 * * * *", BindingName: "tick")),
        new(Unhandled, new ServiceBusQueueTrigger("%TestQueueName%", "ServiceBusConnection")),
    ];

    private readonly WebApplication _app;
    private readonly string _appRoot;

    private InvocationTestApp(WebApplication app, string appRoot, FunctionsHost host, InvocationScript script)
    {
        _app = app;
        _appRoot = appRoot;
        Host = host;
        Script = script;
    }

    public FunctionsHost Host { get; }

    public InvocationScript Script { get; }

    public static async Task<InvocationTestApp> StartAsync()
    {
        var script = new InvocationScript();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Hosting:Port"] = "0";
        builder.AddHandlerHosting();
        builder.Services.AddApiErrors();
        builder.Services.AddSingleton(script);
        builder.Services.AddInvocationHandler<ScriptedInvocationHandler>(Queue);
        builder.Services.AddInvocationHandler<ScriptedInvocationHandler>(Timer);

        var app = builder.Build();
        app.UseHandlerHosting();
        app.UseApiErrors();
        app.MapHostProtocol();
        app.MapInvocationApi(Catalog);
        await app.StartAsync();

        var appRoot = Path.Combine(Path.GetTempPath(), "riskfunctions-invocations-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(appRoot);
        File.Copy(Path.Combine(RepositoryRoot.Find(), "host.json"), Path.Combine(appRoot, "host.json"));
        FunctionMetadataWriter.Write(appRoot, Catalog);
        var host = FunctionsHost.Attach(new FunctionApp(appRoot), new Uri(app.Urls.Single().TrimEnd('/') + "/"));
        return new InvocationTestApp(app, appRoot, host, script);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await _app.DisposeAsync();
        Directory.Delete(_appRoot, recursive: true);
    }
}

/// <summary>What the test-only handler does for each invocation, and what it saw.</summary>
internal sealed class InvocationScript
{
    public ConcurrentQueue<Invocation> Received { get; } = new();

    public Func<Invocation, InvocationResult> Behavior { get; set; } = _ => InvocationResult.Success("handled");
}

/// <summary>A test-only <see cref="IInvocationHandler"/>: records the invocation and runs the script.</summary>
internal sealed class ScriptedInvocationHandler(InvocationScript script) : IInvocationHandler
{
    public Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        script.Received.Enqueue(invocation);
        return Task.FromResult(script.Behavior(invocation));
    }
}
