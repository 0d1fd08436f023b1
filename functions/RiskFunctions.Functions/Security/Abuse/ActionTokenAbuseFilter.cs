using Microsoft.Net.Http.Headers;
using RiskFunctions.Domain.Contract.Errors;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Security.RateLimiting;

namespace RiskFunctions.Functions.Security.Abuse;

/// <summary>
/// Guards an endpoint that looks things up by action token (GET /recommendation): a client whose
/// answers keep being 400/404/410 within the window gets 463 for the cool-down, with the underlying
/// error in the body. Other authorization failures are not this filter's business and stay 403.
/// </summary>
public sealed class ActionTokenAbuseFilter(ActionTokenAbuseTracker tracker) : IEndpointFilter
{
    /// <summary>The status Transmit's risk API uses for a blacklisted token.</summary>
    public const int BlacklistedStatus = 463;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var clientKey = http.User.GetTenantId() + "/" + http.User.GetClientId();
        var block = tracker.GetBlock(clientKey);
        if (block is not null)
        {
            return Blocked(http, block);
        }

        var result = await next(context);
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
        if (status is StatusCodes.Status400BadRequest or StatusCodes.Status404NotFound or StatusCodes.Status410Gone)
        {
            block = tracker.RecordFailure(clientKey, status, UnderlyingMessage(result));
            if (block is not null)
            {
                return Blocked(http, block);
            }
        }

        return result;
    }

    private static IResult Blocked(HttpContext http, ActionTokenBlock block)
    {
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var seconds = RetryAfter.Seconds(block.Until - time.GetUtcNow());
        RetryAfter.Set(http.Response, seconds);
        http.Response.Headers[HeaderNames.CacheControl] = "no-store";
        return ApiError.Create(BlacklistedStatus,
        [
            $"action_token: too many invalid, unknown or expired action tokens from this client; blocked for {seconds} s",
            $"underlying error_code {block.UnderlyingStatus}: {block.UnderlyingMessage}",
        ]);
    }

    private static string UnderlyingMessage(object? result) =>
        result is IValueHttpResult { Value: ErrorResponse body } && body.Message.Count > 0
            ? body.Message[0]
            : "the action token was rejected";
}
