using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskFunctions.Handler.Hosting;

namespace RiskFunctions.Handler.Tests.Hosting;

public sealed class HostingOptionsTests
{
    [Theory]
    [InlineData("Hosting:Address", "not an address")]
    [InlineData("Hosting:Port", "70000")]
    [InlineData("Hosting:MaxRequestBodyBytes", "10")]
    public void Options_InvalidValue_FailsStartup(string key, string value)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Build(new() { [key] = value }));

        Assert.Contains(key.Split(':')[1], failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_AnyPortOnLocalhost_FailsStartup()
    {
        Assert.Throws<OptionsValidationException>(() => Build(new() { ["Hosting:Address"] = "localhost", ["Hosting:Port"] = "0" }));
    }

    [Fact]
    public async Task Options_Defaults_AreLoopback7071And64KiB()
    {
        await using var app = Build([]);

        var options = app.Services.GetRequiredService<IOptions<HostingOptions>>().Value;

        Assert.Equal(("127.0.0.1", 7071, 65536L), (options.Address, options.Port, options.MaxRequestBodyBytes));
        Assert.Same(TimeProvider.System, app.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void Environment_WithoutCustomHandlerPort_IsStandalone()
    {
        var environment = FunctionsHostEnvironment.From(Configuration([]));

        Assert.Equal(HostingMode.Standalone, environment.Mode);
        Assert.Null(environment.Port);
    }

    [Fact]
    public void Environment_WithCustomHandlerPort_IsTheFunctionsHost()
    {
        var environment = FunctionsHostEnvironment.From(Configuration(new()
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "40123",
            ["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = "w-1",
            ["FUNCTIONS_APP_ROOT_PATH"] = "/home/site/wwwroot",
        }));

        Assert.Equal(new FunctionsHostEnvironment(HostingMode.FunctionsHost, 40123, "w-1", "/home/site/wwwroot"), environment);
    }

    [Fact]
    public void Environment_WithLegacyHttpWorkerPort_IsTheFunctionsHost()
    {
        var environment = FunctionsHostEnvironment.From(Configuration(new() { ["FUNCTIONS_HTTPWORKER_PORT"] = "40124" }));

        Assert.Equal((HostingMode.FunctionsHost, 40124), (environment.Mode, environment.Port));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("70000")]
    public void Environment_InvalidCustomHandlerPort_Throws(string port)
    {
        Assert.Throws<InvalidOperationException>(() =>
            FunctionsHostEnvironment.From(Configuration(new() { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port })));
    }

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddHandlerHosting();
        return builder.Build();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
