namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>Why a bearer token was refused. The text sent to the caller says what, never how we checked.</summary>
public enum TokenFailure
{
    None = 0,
    Malformed,
    UnsupportedAlgorithm,
    UnknownIssuer,
    UnknownKey,
    InvalidSignature,
    WrongAudience,
    Expired,
    NotYetValid,
    MissingClaim,
    InvalidTenant,
    ClientNotAllowed,
}

/// <summary>Caller-facing descriptions of <see cref="TokenFailure"/> values.</summary>
public static class TokenFailureDescriptions
{
    public static string Describe(this TokenFailure failure) => failure switch
    {
        TokenFailure.Malformed => "the bearer token is not a well-formed JWT",
        TokenFailure.UnsupportedAlgorithm => "the token's signing algorithm is not accepted",
        TokenFailure.UnknownIssuer => "the token's issuer is not trusted",
        TokenFailure.UnknownKey => "the token was signed with an unknown key",
        TokenFailure.InvalidSignature => "the token's signature is invalid",
        TokenFailure.WrongAudience => "the token was not issued for this API",
        TokenFailure.Expired => "the token has expired",
        TokenFailure.NotYetValid => "the token is not valid yet",
        TokenFailure.MissingClaim => "the token lacks a required claim",
        TokenFailure.InvalidTenant => "the token's tenant is invalid",
        TokenFailure.ClientNotAllowed => "the token's client is not allowed",
        _ => "the bearer token is invalid",
    };
}
