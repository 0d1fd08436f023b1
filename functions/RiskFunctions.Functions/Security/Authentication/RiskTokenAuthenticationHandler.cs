using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Security.Authentication;

/// <summary>
/// The bearer scheme: reads <c>Authorization: Bearer &lt;jwt&gt;</c>, validates it with
/// <see cref="RiskTokenValidator"/> and answers challenges with 401 and the shared error body.
/// </summary>
public sealed class RiskTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    RiskTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var values = Request.Headers.Authorization;
        if (values.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var value = values.Count == 1 ? values[0] : null;
        if (value is null || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(TokenFailure.Malformed);
        }

        var result = await validator.ValidateAsync(value[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        if (!result.Succeeded)
        {
            return Refuse(result.Failure);
        }

        var principal = RiskPrincipal.Create(result.Claims!, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Features.Get<TokenFailureFeature>()?.Failure;
        Response.Headers[HeaderNames.WWWAuthenticate] = failure is null
            ? "Bearer"
            : "Bearer error=\"invalid_token\"";
        var message = failure is null
            ? "authorization: a bearer token is required"
            : "authorization: " + failure.Value.Describe();
        return ApiError.Create(StatusCodes.Status401Unauthorized, [message]).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiError.Create(StatusCodes.Status403Forbidden).ExecuteAsync(Context);

    private AuthenticateResult Refuse(TokenFailure failure)
    {
        Context.Features.Set(new TokenFailureFeature(failure));
        Logger.LogInformation("Bearer token refused: {TokenFailure}", failure);
        return AuthenticateResult.Fail(failure.Describe());
    }
}
