using System.Net;
using Microsoft.Extensions.Options;

namespace RiskFunctions.Functions.Security.Hardening;

/// <summary>
/// The caller's network address for per-address limits. Under the Functions host every request comes
/// from loopback, so in Azure (<see cref="HardeningOptions.TrustForwardedFor"/>) the right-most
/// <c>X-Forwarded-For</c> entry, the one the platform's front end appended, is used. Entries further
/// left are written by the caller and never trusted.
/// </summary>
public sealed class ClientAddress(IOptions<HardeningOptions> options)
{
    private readonly bool _trustForwardedFor = options.Value.TrustForwardedFor;

    public string Resolve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remote = context.Connection.RemoteIpAddress;
        if (_trustForwardedFor && (remote is null || IPAddress.IsLoopback(remote)))
        {
            var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
            var last = forwarded[(forwarded.LastIndexOf(',') + 1)..].Trim();
            if (IPEndPoint.TryParse(last, out var endpoint))
            {
                return endpoint.Address.ToString();
            }
        }

        return remote?.ToString() ?? "unknown";
    }
}
