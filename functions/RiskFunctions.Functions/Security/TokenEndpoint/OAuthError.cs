using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Tokens;

namespace RiskFunctions.Functions.Security.TokenEndpoint;

/// <summary>RFC 6749 section 5.2 error answers of the token endpoint.</summary>
public static class OAuthError
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidScope = "invalid_scope";
    public const string InvalidTarget = "invalid_target";
    public const string TemporarilyUnavailable = "temporarily_unavailable";
    public const string ServerError = "server_error";

    public static IResult Create(int statusCode, string error, string description) =>
        Results.Json(
            new OAuthErrorResponse { Error = error, ErrorDescription = description },
            RiskJsonContext.Default.OAuthErrorResponse,
            "application/json",
            statusCode);

    public static IResult BadRequest(string error, string description) => Create(StatusCodes.Status400BadRequest, error, description);
}
