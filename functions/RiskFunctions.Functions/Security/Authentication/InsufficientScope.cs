using Microsoft.Net.Http.Headers;
using RiskFunctions.Functions.Errors;

namespace RiskFunctions.Functions.Security.Authentication;

/// <summary>The 403 of a valid token that lacks the function's scope (RFC 6750 <c>insufficient_scope</c>).</summary>
public static class InsufficientScope
{
    /// <summary>Answers 403 naming the scopes the token lacks, in the challenge header and in the error body.</summary>
    public static Task WriteAsync(HttpContext context, string scopes)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers[HeaderNames.WWWAuthenticate] = $"Bearer error=\"insufficient_scope\", scope=\"{scopes}\"";
        return ApiError.Create(StatusCodes.Status403Forbidden, [$"authorization: the token lacks the scope '{scopes}'"]).ExecuteAsync(context);
    }
}
