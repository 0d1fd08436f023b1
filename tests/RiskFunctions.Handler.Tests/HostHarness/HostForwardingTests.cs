using System.Text;
using RiskFunctions.Testing.Host;

namespace RiskFunctions.Handler.Tests.HostHarness;

/// <summary>The harness forwards requests by the host's rules.</summary>
public sealed class HostForwardingTests
{
    private static readonly Uri Handler = new("http://127.0.0.1:5555/");

    [Theory]
    [InlineData("?a=1&a=2", "?a=1,2")]
    [InlineData("?a=1&b=x&a=2", "?a=1,2&b=x")]
    [InlineData("?token=a%2Fb%20c", "?token=a%2Fb%20c")]
    [InlineData("", "")]
    public void JoinRepeatedQueryKeys_JoinsWithCommas(string query, string expected)
    {
        Assert.Equal(expected, HostForwarding.JoinRepeatedQueryKeys(query));
    }

    [Fact]
    public async Task Forward_KeepsMethodPathHeadersAndAddsInvocationHeaders()
    {
        using var original = new HttpRequestMessage(HttpMethod.Get, "http://localhost:7071/risk/v1/recommendation?action_token=t1&x=1&x=2");
        original.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "abc");

        using var forwarded = await HostForwarding.ForwardAsync(original, Handler, "inv-1", CancellationToken.None);

        Assert.Equal(HttpMethod.Get, forwarded.Method);
        Assert.Equal("http://127.0.0.1:5555/risk/v1/recommendation?action_token=t1&x=1,2", forwarded.RequestUri!.ToString());
        Assert.Equal("Bearer abc", forwarded.Headers.Authorization!.ToString());
        Assert.Equal("inv-1", Assert.Single(forwarded.Headers.GetValues(HostForwarding.InvocationIdHeader)));
        Assert.Equal(HostForwarding.HostVersion, Assert.Single(forwarded.Headers.GetValues(HostForwarding.HostVersionHeader)));
        Assert.Null(forwarded.Content);
    }

    [Fact]
    public async Task Forward_BodyWithContentLength_IsForwarded()
    {
        using var original = new HttpRequestMessage(HttpMethod.Post, "http://localhost:7071/risk/v1/label")
        {
            Content = new StringContent("""{"a":1}""", Encoding.UTF8, "application/json"),
        };

        using var forwarded = await HostForwarding.ForwardAsync(original, Handler, "inv-2", CancellationToken.None);

        Assert.Equal("""{"a":1}""", await forwarded.Content!.ReadAsStringAsync());
        Assert.Equal("application/json", forwarded.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Forward_ChunkedBody_IsDropped()
    {
        using var original = new HttpRequestMessage(HttpMethod.Post, "http://localhost:7071/risk/v1/label")
        {
            Content = new StreamContent(new UnseekableStream("""{"a":1}"""u8.ToArray())),
        };

        using var forwarded = await HostForwarding.ForwardAsync(original, Handler, "inv-3", CancellationToken.None);

        Assert.Null(forwarded.Content);
    }

    [Fact]
    public async Task Forward_EmptyBody_IsDropped()
    {
        using var original = new HttpRequestMessage(HttpMethod.Post, "http://localhost:7071/risk/v1/label")
        {
            Content = new ByteArrayContent([]),
        };

        using var forwarded = await HostForwarding.ForwardAsync(original, Handler, "inv-4", CancellationToken.None);

        Assert.Null(forwarded.Content);
    }

    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
