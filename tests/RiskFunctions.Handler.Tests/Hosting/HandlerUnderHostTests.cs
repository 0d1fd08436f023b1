using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using RiskFunctions.Handler.Hosting;
using RiskFunctions.Handler.Tests.Errors;
using RiskFunctions.Testing.Host;

namespace RiskFunctions.Handler.Tests.Hosting;

/// <summary>The published handler, started and driven the way the Functions host does it.</summary>
public sealed class HandlerUnderHostTests(HandlerProcessFixture fixture) : IClassFixture<HandlerProcessFixture>
{
    [Fact]
    public async Task Start_UnderTheHost_ListensOnTheCustomHandlerPortOnLoopback()
    {
        using var client = new HttpClient();

        var response = await client.GetAsync(fixture.Host.HandlerAddress);

        Assert.Equal("127.0.0.1", fixture.Host.HandlerAddress.Host);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Start_WithInheritedAspNetCoreUrls_IgnoresThem()
    {
        var app = await FunctionAppPublisher.GetSharedAsync();
        var strayPort = FreePort();
        var settings = new Dictionary<string, string?>(fixture.Settings)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{strayPort}",
            ["ASPNETCORE_HTTP_PORTS"] = strayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var host = await FunctionsHost.StartAsync(app, settings);
        using var client = new HttpClient();

        var onHostPort = await client.GetAsync(host.HandlerAddress);
        var onStrayPort = await Record.ExceptionAsync(() => client.GetAsync(new Uri($"http://127.0.0.1:{strayPort}/")));

        Assert.Equal(HttpStatusCode.OK, onHostPort.StatusCode);
        Assert.IsType<SocketException>(Assert.IsType<HttpRequestException>(onStrayPort).InnerException);
        Assert.DoesNotContain(host.Output, line => line.Contains("Overriding address", StringComparison.Ordinal));
    }

    [Fact]
    public void Logs_UnderTheHost_AreJsonLines()
    {
        var lines = fixture.Host.Output.Where(line => line.StartsWith('{')).ToList();

        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _));
        });
    }

    [Fact]
    public async Task Health_ThroughTheHost_IsAnonymousAndHealthy()
    {
        using var client = fixture.Host.CreateClient();

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task HealthReady_WithoutFunctionKey_IsRejectedByTheHost()
    {
        using var client = fixture.Host.CreateClient();

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task HealthReady_WithFunctionKey_ReportsReadiness()
    {
        using var client = fixture.Host.CreateClient();

        var response = await client.GetAsync(new Uri($"/health/ready?code={fixture.Host.FunctionKey}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("storage").GetString());
    }

    [Fact]
    public async Task UnknownRoute_ThroughTheHost_Is404WithoutReachingTheHandler()
    {
        using var client = fixture.Host.CreateClient();

        var response = await client.GetAsync(new Uri("/risk/v1/nothing-here", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UnknownRoute_DirectlyOnTheHandler_AnswersTheErrorBody()
    {
        using var client = new HttpClient { BaseAddress = fixture.Host.HandlerAddress };

        var response = await client.GetAsync(new Uri("/risk/v1/nothing-here", UriKind.Relative));

        await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OversizedBody_OnTheHandler_Is413BeforeAnythingReadsIt()
    {
        using var client = new HttpClient { BaseAddress = fixture.Host.HandlerAddress };
        using var content = new StringContent(new string('a', 70_000), Encoding.UTF8, "application/json");

        var response = await client.PostAsync(new Uri("/" + FunctionCatalog.LabelPropagation, UriKind.Relative), content);

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("body: exceeds the limit of 65536 bytes", Assert.Single(messages));
    }

    [Fact]
    public async Task OversizedChunkedBody_OnTheHandler_Is413()
    {
        using var client = new HttpClient { BaseAddress = fixture.Host.HandlerAddress };
        using var content = new StreamContent(new UnknownLengthStream(new byte[70_000]));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await client.PostAsync(new Uri("/" + FunctionCatalog.LabelPropagation, UriKind.Relative), content);

        await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ServiceBus_MalformedMessage_IsCompletedOnTheFirstDelivery()
    {
        // Retrying cannot fix a message that is not a propagation message, so it is completed, not
        // dead-lettered after ten futile deliveries (redelivery of real failures is tested with labels).
        var queue = new SimulatedServiceBusQueue(fixture.Host, FunctionCatalog.LabelPropagation);
        queue.Send("not a propagation message"u8.ToArray(), messageId: "poison-1");

        var deliveries = await queue.DrainAsync();

        Assert.Equal(1, deliveries);
        Assert.Equal("poison-1", Assert.Single(queue.Completed).MessageId);
        Assert.Empty(queue.DeadLettered);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A stream that cannot tell its length, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
