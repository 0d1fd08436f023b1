namespace RiskFunctions.Handler.Security.Abuse;

/// <summary>Applies the 463 cool-down to an endpoint that looks actions up by token.</summary>
public static class ActionTokenAbuseEndpointExtensions
{
    /// <summary>
    /// Counts 400/404/410 answers per client and answers 463 (with <c>Retry-After</c>) during a cool-down.
    /// Apply after <c>RequireAuthorization</c>: the client is read from the token.
    /// </summary>
    public static RouteHandlerBuilder WithActionTokenAbuseProtection(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter<ActionTokenAbuseFilter>()
            .Produces(ActionTokenAbuseFilter.BlacklistedStatus, contentType: "application/json");
    }
}
