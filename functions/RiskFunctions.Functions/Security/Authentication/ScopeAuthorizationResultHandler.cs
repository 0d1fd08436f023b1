using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Net.Http.Headers;
using RiskFunctions.Functions.Errors;

namespace RiskFunctions.Functions.Security.Authentication;

/// <summary>
/// Names the missing scope in 403 answers (RFC 6750 <c>insufficient_scope</c>); challenges still go to
/// the bearer scheme, which answers 401.
/// </summary>
public sealed class ScopeAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Forbidden || authorizeResult.AuthorizationFailure is null)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var missing = authorizeResult.AuthorizationFailure.FailedRequirements
            .OfType<ClaimsAuthorizationRequirement>()
            .Where(requirement => string.Equals(requirement.ClaimType, RiskClaims.Scope, StringComparison.Ordinal))
            .SelectMany(requirement => requirement.AllowedValues ?? [])
            .ToArray();
        if (missing.Length == 0)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        return WriteInsufficientScopeAsync(context, string.Join(' ', missing));
    }

    /// <summary>403 naming the scopes the token lacks (RFC 6750 <c>insufficient_scope</c>).</summary>
    public static Task WriteInsufficientScopeAsync(HttpContext context, string scopes)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers[HeaderNames.WWWAuthenticate] = $"Bearer error=\"insufficient_scope\", scope=\"{scopes}\"";
        return ApiError.Create(StatusCodes.Status403Forbidden, [$"authorization: the token lacks the scope '{scopes}'"]).ExecuteAsync(context);
    }
}
