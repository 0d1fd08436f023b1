using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RiskFunctions.LocalHost.Tests.Fixtures;

namespace RiskFunctions.LocalHost.Tests.Http;

/// <summary>HTTP functions of the real sample worker, reached through the local host.</summary>
[Collection(SampleHostCollection.Name)]
public sealed class HttpForwardingTests(SampleHostFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task Get_RouteWithParametersAndQuery_FunctionReceivesThem()
    {
        using var response = await _client.GetAsync("items/42/widget?q=blue");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(42, body.RootElement.GetProperty("id").GetInt32());
        Assert.Equal("widget", body.RootElement.GetProperty("name").GetString());
        Assert.Equal("blue", body.RootElement.GetProperty("query").GetString());
    }

    [Fact]
    public async Task Get_OptionalSegmentOmitted_FunctionGetsNoValue()
    {
        using var response = await _client.GetAsync("items/7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(7, body.RootElement.GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("name").ValueKind);
    }

    [Theory]
    [InlineData("items/not-a-number")]
    [InlineData("nothing/here")]
    [InlineData("api/ping")]
    public async Task Get_NoFunctionMatches_Returns404(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Delete_MethodTheFunctionLists_ReachesIt()
    {
        using var response = await _client.DeleteAsync("things/k1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"method\":\"DELETE\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MethodTheFunctionDoesNotList_Returns404()
    {
        using var response = await _client.PostAsync("things/k1", new StringContent("x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_Echo_BodyContentTypeAndHeadersRoundTrip()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "echo")
        {
            Content = new StringContent("{\"hello\":\"wörld\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Sample-Tenant", "tenant-a");
        request.Headers.Add("X-Sample-Multi", ["one", "two"]);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"hello\":\"wörld\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("tenant-a", Assert.Single(response.Headers.GetValues("X-Echo-Tenant")));
        Assert.Equal("one, two", string.Join(", ", response.Headers.GetValues("X-Echo-Multi")));
    }

    [Fact]
    public async Task Post_LargeBody_ReachesTheFunctionWhole()
    {
        var payload = new byte[8 * 1024 * 1024 + 17];
        new Random(20261206).NextBytes(payload);
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await _client.PostAsync("digest", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(payload.Length, body.RootElement.GetProperty("length").GetInt64());
        Assert.Equal(Convert.ToHexString(SHA256.HashData(payload)), body.RootElement.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Get_LargeResponse_StreamsBackWhole()
    {
        const int count = 8 * 1024 * 1024 + 17;

        using var response = await _client.GetAsync($"bytes/{count}", HttpCompletionOption.ResponseHeadersRead);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(count, response.Content.Headers.ContentLength);
        Assert.Equal(count, bytes.Length);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (byte)(i % 251)), bytes);
    }

    [Fact]
    public async Task Post_ClientSendsItsOwnInvocationId_HostReplacesIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "echo") { Content = new StringContent("x") };
        request.Headers.Add("x-ms-invocation-id", "spoofed");

        using var response = await _client.SendAsync(request);

        var invocationId = Assert.Single(response.Headers.GetValues("X-Invocation-Id"));
        Assert.True(Guid.TryParse(invocationId, out _), invocationId);
    }

    [Fact]
    public async Task Get_HopByHopHeaders_NotForwardedToTheWorker()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "headers");
        request.Headers.TryAddWithoutValidation("Keep-Alive", "timeout=5");
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic c2VjcmV0");
        request.Headers.TryAddWithoutValidation("X-Sample-Kept", "yes");

        using var response = await _client.SendAsync(request);

        using var seen = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var names = seen.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Contains("x-sample-kept", names);
        Assert.Contains("x-ms-invocation-id", names);
        Assert.DoesNotContain("keep-alive", names);
        Assert.DoesNotContain("proxy-authorization", names);
        Assert.DoesNotContain("connection", names);
    }

    [Fact]
    public async Task Post_BodyOverTheFunctionsLimit_FunctionAnswers413()
    {
        using var response = await _client.PostAsync("limited", new ByteArrayContent(new byte[64 * 1024]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("body too large", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverTheFunctionsLimit_FunctionAnswers413()
    {
        using var content = new StreamContent(new MemoryStream(new byte[8 * 1024]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "limited") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_BodyWithinTheFunctionsLimit_FunctionReadsAllOfIt()
    {
        using var response = await _client.PostAsync("limited", new ByteArrayContent(new byte[1000]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"length\":1000", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_FunctionThrows_Returns500WithTheException()
    {
        using var response = await _client.GetAsync("fail");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Fail", body.RootElement.GetProperty("function").GetString());
        Assert.Contains("fails on purpose", body.RootElement.GetProperty("exception").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ManyConcurrentRequests_EachGetsItsOwnAnswer()
    {
        var responses = await Task.WhenAll(Enumerable.Range(1, 40).Select(async i =>
        {
            using var response = await _client.GetAsync($"items/{i}/n{i}");
            return (i, await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.Contains($"\"id\":{r.i},\"name\":\"n{r.i}\"", r.Item2, StringComparison.Ordinal));
    }
}
