using RiskFunctions.Functions.Security.Tokens;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>The validator's time-dependent answers on a manual clock: a remembered token still expires.</summary>
public sealed class TokenValidatorClockTests
{
    [Fact]
    public async Task Validate_CachedTokenAfterExpiry_IsExpired()
    {
        await using var security = SecurityServices.Create();
        var token = security.Token(TestTenant.Create().Id);
        var first = await security.ValidateAsync(token);

        security.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var second = await security.ValidateAsync(token);

        Assert.True(first.Succeeded);
        Assert.Equal(TokenFailure.Expired, second.Failure);
        Assert.Equal("the token has expired", second.Failure.Describe());
    }
}
