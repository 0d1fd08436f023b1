namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>The outcome of validating a bearer token: claims on success, a reason otherwise.</summary>
public readonly record struct TokenValidationResult(RiskTokenClaims? Claims, TokenFailure Failure)
{
    public bool Succeeded => Claims is not null;

    public static TokenValidationResult Success(RiskTokenClaims claims) => new(claims, TokenFailure.None);

    public static TokenValidationResult Fail(TokenFailure failure) => new(null, failure);
}
