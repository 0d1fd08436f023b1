using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace RiskFunctions.Testing.Host;

/// <summary>
/// How the host rewrites a request it forwards to the handler: same method and path (route prefix
/// included), repeated query keys joined with commas, every header plus the invocation headers, and
/// the body only when the request declared a Content-Length above zero (a chunked body is dropped).
/// </summary>
public static class HostForwarding
{
    /// <summary>The host version the harness claims in its headers.</summary>
    public const string HostVersion = "4.1037.0.0";

    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";
    public const string HostVersionHeader = "X-Azure-Functions-HostVersion";

    /// <summary><c>?a=1&amp;a=2&amp;b=x</c> becomes <c>?a=1,2&amp;b=x</c>.</summary>
    public static string JoinRepeatedQueryKeys(string query)
    {
        var parsed = QueryHelpers.ParseQuery(query);
        if (parsed.Count == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        foreach (var (key, values) in parsed)
        {
            builder.Append(builder.Length == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(key))
                .Append('=')
                .Append(string.Join(',', values.Select(value => Uri.EscapeDataString(value ?? string.Empty))));
        }

        return builder.ToString();
    }

    /// <summary>The request the handler receives for <paramref name="original"/>.</summary>
    public static async Task<HttpRequestMessage> ForwardAsync(HttpRequestMessage original, Uri handlerBase, string invocationId, CancellationToken cancellationToken)
    {
        var uri = original.RequestUri!;
        var forwarded = new HttpRequestMessage(original.Method, new Uri(handlerBase, uri.AbsolutePath + JoinRepeatedQueryKeys(uri.Query)));
        foreach (var (name, values) in original.Headers)
        {
            forwarded.Headers.TryAddWithoutValidation(name, values);
        }

        if (original.Content is { } content)
        {
            // TryComputeLength-backed: buffered content has a length; a stream of unknown length is sent
            // chunked by the caller and the host drops it.
            if (content.Headers.ContentLength is > 0)
            {
                var body = await content.ReadAsByteArrayAsync(cancellationToken);
                forwarded.Content = new ByteArrayContent(body);
                foreach (var (name, values) in content.Headers)
                {
                    forwarded.Content.Headers.TryAddWithoutValidation(name, values);
                }
            }
        }

        AddInvocationHeaders(forwarded.Headers, invocationId);
        return forwarded;
    }

    /// <summary>Headers the host adds to everything it sends the handler.</summary>
    public static void AddInvocationHeaders(HttpRequestHeaders headers, string invocationId)
    {
        headers.Remove(InvocationIdHeader);
        headers.Remove(HostVersionHeader);
        headers.TryAddWithoutValidation(HostVersionHeader, HostVersion);
        headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        headers.UserAgent.Add(new ProductInfoHeaderValue("Azure-Functions-Host", HostVersion));
    }
}
