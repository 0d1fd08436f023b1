using Microsoft.AspNetCore.Authentication;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using RiskFunctions.Functions.Security;
using RiskFunctions.Functions.Security.Authentication;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>
/// Bearer authentication and the declared scope: 401 (with the token's problem) without a valid token, 403 naming
/// the scope when it lacks it. <see cref="AllowAnonymousAttribute"/> functions run either way, with the caller's
/// identity when a valid token came along.
/// </summary>
public sealed class AuthenticationMiddleware(FunctionDeclarations declarations) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (declarations.For(context) is not { } declaration || context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var result = await http.AuthenticateAsync(RiskTokenDefaults.AuthenticationScheme);
        if (result.Succeeded)
        {
            http.User = result.Principal;
        }

        if (declaration.Scope is { } scope)
        {
            if (!result.Succeeded)
            {
                await http.ChallengeAsync(RiskTokenDefaults.AuthenticationScheme);
                return;
            }

            if (!http.User.HasClaim(RiskClaims.Scope, scope))
            {
                await InsufficientScope.WriteAsync(http, scope);
                return;
            }
        }

        await next(context);
    }
}
