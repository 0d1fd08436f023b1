using Microsoft.AspNetCore.Http;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Security.Abuse;
using RiskFunctions.Functions.Security.Authentication;
using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>
/// The cool-down's clock (3 failures within a minute block for 5 minutes), on the filter the worker's middleware
/// runs, with a manual clock: how long a block lasts, when it ends, and failures too far apart to count.
/// </summary>
public sealed class ActionTokenCoolDownTests : IAsyncLifetime
{
    private SecurityServices _security = null!;
    private ActionTokenAbuseFilter _filter = null!;

    public Task InitializeAsync()
    {
        _security = SecurityServices.Create(new Dictionary<string, string?>
        {
            ["Security:ActionTokenAbuse:Threshold"] = "3",
            ["Security:ActionTokenAbuse:Window"] = "00:01:00",
            ["Security:ActionTokenAbuse:CoolDown"] = "00:05:00",
        });
        _filter = new ActionTokenAbuseFilter(_security.Get<ActionTokenAbuseTracker>());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _security.DisposeAsync();

    /// <summary>A lookup by <paramref name="client"/>: "known" is found, "malformed" is a 400, anything else a 404.</summary>
    private async Task<(int Status, HttpContext Http, object? Result)> LookupAsync(string client, string actionToken)
    {
        var http = new DefaultHttpContext
        {
            RequestServices = _security.Services,
            User = RiskPrincipal.Create(new RiskTokenClaims("acme", client, ["recommendations:read"], "https://issuer", null, _security.Time.GetUtcNow(), _security.Time.GetUtcNow().AddHours(1)), "Bearer"),
        };
        object answer = actionToken switch
        {
            "known" => TypedResults.Ok("found"),
            "malformed" => ApiError.BadRequest("action_token", "is not a valid action token"),
            _ => ApiError.NotFound("action_token", "no such action"),
        };
        var result = await _filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ => ValueTask.FromResult<object?>(answer));
        return (((IStatusCodeHttpResult)result!).StatusCode!.Value, http, result);
    }

    [Fact]
    public async Task Lookup_DuringCoolDown_RetryAfterCountsDownTheBlock()
    {
        for (var i = 0; i < 3; i++)
        {
            await LookupAsync("b", "malformed");
        }

        _security.Time.Advance(TimeSpan.FromMinutes(4));
        var (status, http, result) = await LookupAsync("b", "known");

        Assert.Equal(ActionTokenAbuseFilter.BlacklistedStatus, status);
        Assert.Contains(((ApiError)result!).Value.Message, message => message.Contains("underlying error_code 400: action_token: is not a valid action token", StringComparison.Ordinal));
        Assert.Equal("60", http.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task Lookup_BlockedNow_RetryAfterIsTheWholeCoolDown()
    {
        await LookupAsync("a", "bad-1");
        await LookupAsync("a", "bad-2");

        var (status, http, result) = await LookupAsync("a", "bad-3");

        Assert.Equal(ActionTokenAbuseFilter.BlacklistedStatus, status);
        Assert.Contains(((ApiError)result!).Value.Message, message => message.Contains("underlying error_code 404: action_token: no such action", StringComparison.Ordinal));
        Assert.Equal("300", http.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task Lookup_AfterTheCoolDown_Recovers()
    {
        for (var i = 0; i < 3; i++)
        {
            await LookupAsync("c", "bad");
        }

        _security.Time.Advance(TimeSpan.FromMinutes(5));
        var recovered = await LookupAsync("c", "known");
        var unknownAgain = await LookupAsync("c", "bad");

        Assert.Equal(StatusCodes.Status200OK, recovered.Status);
        Assert.Equal(StatusCodes.Status404NotFound, unknownAgain.Status);
    }

    [Fact]
    public async Task Lookup_FailuresSpreadBeyondTheWindow_NeverBlock()
    {
        for (var i = 0; i < 6; i++)
        {
            var (status, _, _) = await LookupAsync("d", "bad");
            Assert.Equal(StatusCodes.Status404NotFound, status);
            _security.Time.Advance(TimeSpan.FromSeconds(31));
        }
    }
}
