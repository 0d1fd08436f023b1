namespace RiskFunctions.Handler.Hosting;

/// <summary>Endpoints that exist for the Functions host itself, not for API clients.</summary>
public static class HostProtocolApi
{
    /// <summary>
    /// <c>GET /</c>: the host polls it every 25 ms at start-up and keeps pinging it later. It must answer
    /// at once and touch nothing (no storage, no auth).
    /// </summary>
    public static IEndpointRouteBuilder MapHostProtocol(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => TypedResults.Ok())
            .WithMetadata(new HostProtocolMetadata())
            .ExcludeFromDescription();
        return endpoints;
    }
}

/// <summary>Marks an endpoint that serves the Functions host protocol and is no function of the catalog.</summary>
public sealed record HostProtocolMetadata;
