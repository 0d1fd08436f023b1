using System.Text.Json;
using System.Text.RegularExpressions;
using RiskFunctions.Handler.Hosting;
using RiskFunctions.Testing.Host;

namespace RiskFunctions.Handler.Tests.Hosting;

/// <summary>The app root the publish step produces is a valid Functions app for this handler.</summary>
public sealed partial class PublishedAppTests : IAsyncLifetime
{
    private static readonly Lazy<IReadOnlyList<HandlerEndpoint>> Endpoints = new(HandlerEndpoint.FromProgram);
    private FunctionApp _app = null!;

    public async Task InitializeAsync() => _app = await FunctionAppPublisher.GetSharedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void HostJson_CustomHandler_StartsThePublishedExecutableOnTheHostsPort()
    {
        var executable = Path.Combine(_app.Root, _app.Host.DefaultExecutablePath);

        Assert.True(File.Exists(executable), $"{_app.Host.DefaultExecutablePath} is not in the app root");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(executable) & UnixFileMode.UserExecute) != 0, "the handler is not executable");
        }

        Assert.Equal(["--urls", "http://127.0.0.1:%FUNCTIONS_CUSTOMHANDLER_PORT%"], _app.Host.Arguments);
        Assert.True(_app.Host.EnableForwardingHttpRequest);
        Assert.Equal(string.Empty, _app.Host.RoutePrefix);
    }

    [Fact]
    public void HostJson_ExtensionBundle_IsVersion4()
    {
        var bundle = _app.Host.Json.GetProperty("extensionBundle");

        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", bundle.GetProperty("id").GetString());
        Assert.Equal("[4.*, 5.0.0)", bundle.GetProperty("version").GetString());
        Assert.Equal("2.0", _app.Host.Json.GetProperty("version").GetString());
    }

    [Fact]
    public void HostJson_ServiceBus_CompletesMessagesOnSuccess()
    {
        var serviceBus = _app.Host.Json.GetProperty("extensions").GetProperty("serviceBus");

        // The handler cannot settle messages itself: a 2xx must complete, a failure abandon.
        Assert.True(serviceBus.GetProperty("autoCompleteMessages").GetBoolean());
        Assert.InRange(serviceBus.GetProperty("maxConcurrentCalls").GetInt32(), 1, 64);
    }

    [Fact]
    public void Functions_AreExactlyTheCatalog_WithValidNames()
    {
        Assert.Equal(FunctionCatalog.All.Select(f => f.Name).Order(StringComparer.Ordinal), _app.Functions.Select(f => f.Name));
        Assert.All(_app.Functions, f =>
        {
            Assert.Matches(ValidFunctionName(), f.Name);
            Assert.NotEqual("host", f.Name, StringComparer.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void HttpFunctions_AreForwardable_ExactlyOneTriggerAndOneHttpOutput()
    {
        var httpFunctions = _app.Functions.Where(f => f.Bindings.Any(b => b.Type == "httpTrigger")).ToList();

        Assert.NotEmpty(httpFunctions);
        Assert.All(httpFunctions, f =>
        {
            Assert.True(f.IsForwardedHttp, $"{f.Name} has bindings the host would not forward: {string.Join(", ", f.Bindings.Select(b => b.Type))}");
            Assert.NotEmpty(f.Trigger!.Methods);
            Assert.Contains(f.Trigger.GetString("authLevel"), new[] { "anonymous", "function", "admin" });
        });
    }

    [Fact]
    public void HttpFunctions_EveryRouteAndMethod_MapsToAHandlerEndpoint()
    {
        var unmapped = _app.Functions.Where(f => f.IsForwardedHttp)
            .SelectMany(f => f.Trigger!.Methods.Select(method => (f.Name, Method: method, Route: HandlerEndpoint.RouteKey(RoutedPath(f)))))
            .Where(expected => !Endpoints.Value.Any(e => e.Route == expected.Route && e.Methods.Contains(expected.Method)))
            .Select(expected => $"{expected.Name}: {expected.Method} {expected.Route}")
            .ToList();

        Assert.True(unmapped.Count == 0, "function.json routes without a handler endpoint: " + string.Join(", ", unmapped));
    }

    [Fact]
    public void HandlerEndpoints_EveryPublicOne_IsReachableThroughAFunctionJson()
    {
        var routed = _app.Functions.Where(f => f.IsForwardedHttp)
            .SelectMany(f => f.Trigger!.Methods.Select(method => (Method: method, Route: HandlerEndpoint.RouteKey(RoutedPath(f)))))
            .ToHashSet();
        var envelopes = _app.Functions.Where(f => !f.IsForwardedHttp).Select(f => "/" + f.Name.ToLowerInvariant()).ToHashSet();

        var unreachable = Endpoints.Value
            .Where(e => !e.IsHostProtocol)
            .SelectMany(e => (e.Methods.Count == 0 ? ["*"] : e.Methods).Select(method => (Method: method, e.Route, e.InvocationFunction)))
            .Where(e => e.InvocationFunction is null ? !routed.Contains((e.Method, e.Route)) : !envelopes.Contains(e.Route))
            .Select(e => $"{e.Method} {e.Route}")
            .ToList();

        Assert.True(unreachable.Count == 0, "handler endpoints no function.json reaches: " + string.Join(", ", unreachable));
    }

    [Fact]
    public void ServiceBusFunctions_UseBinaryDataAndNamedSettings()
    {
        var serviceBus = _app.Functions.Where(f => f.Trigger?.Type == "serviceBusTrigger").ToList();

        Assert.NotEmpty(serviceBus);
        Assert.All(serviceBus, f =>
        {
            Assert.Equal("binary", f.Trigger!.GetString("dataType"));
            Assert.Equal(FunctionCatalog.ServiceBusConnection, f.Trigger.GetString("connection"));
            Assert.Matches("^%[A-Za-z][A-Za-z0-9_]*%$", f.Trigger.GetString("queueName"));
        });
    }

    [Fact]
    public void BindingSettings_EveryReferencedAppSetting_IsInTheLocalSettingsSample()
    {
        var sample = LocalSettings.ReadSample();
        var referenced = _app.Functions
            .SelectMany(f => f.Bindings)
            .SelectMany(b => b.Json.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            .SelectMany(p => SettingReference().Matches(p.Value.GetString()!).Select(m => m.Groups[1].Value))
            .Distinct();

        Assert.All(referenced, name => Assert.True(sample.ContainsKey(name), $"%{name}% is not in local.settings.sample.json"));
    }

    [Fact]
    public void LocalSettingsSample_RunsTheCustomHandlerWithoutSecrets()
    {
        var sample = LocalSettings.ReadSample();

        Assert.Equal("custom", sample["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.All(sample, setting => Assert.DoesNotMatch("(?i)(AccountKey|SharedAccessKey|sig)=", setting.Value ?? string.Empty));
    }

    private string RoutedPath(FunctionMetadata function)
    {
        var route = function.Trigger!.GetString("route") ?? function.Name;
        return string.IsNullOrEmpty(_app.Host.RoutePrefix) ? route : _app.Host.RoutePrefix + "/" + route;
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,127}$", RegexOptions.IgnoreCase)]
    private static partial Regex ValidFunctionName();

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
