using Microsoft.Net.Http.Headers;

namespace RiskFunctions.Functions.Security.Hardening;

/// <summary>
/// Headers every API response carries: no MIME sniffing, no framing, no referrer, no caching of
/// tenant data unless an endpoint says otherwise (the JWKS does), and HSTS where HTTPS is guaranteed.
/// </summary>
public static class SecurityHeaders
{
    private const string HstsValue = "max-age=31536000; includeSubDomains";

    /// <summary>Sets the headers on <paramref name="response"/> when it starts, whoever writes it.</summary>
    public static void AddOnStarting(HttpResponse response, bool hsts)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.OnStarting(static state =>
            {
                var (response, hsts) = ((HttpResponse, bool))state;
                var headers = response.Headers;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                if (!headers.ContainsKey(HeaderNames.CacheControl))
                {
                    headers[HeaderNames.CacheControl] = "no-store";
                }

                if (hsts)
                {
                    headers[HeaderNames.StrictTransportSecurity] = HstsValue;
                }

                headers.Remove(HeaderNames.Server);
                headers.Remove(HeaderNames.XPoweredBy);
                return Task.CompletedTask;
            }, (response, hsts));
    }
}
