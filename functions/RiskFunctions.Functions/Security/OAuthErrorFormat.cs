using RiskFunctions.Domain.Validation;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Security.TokenEndpoint;

namespace RiskFunctions.Functions.Security;

/// <summary>
/// The token endpoint's errors in OAuth's body (RFC 6749 §5.2: <c>{"error","error_description"}</c>), also for the
/// ones the pipeline produces (limits, outages, unexpected failures).
/// </summary>
public sealed class OAuthErrorFormat : IErrorResponseFormat
{
    public IResult Create(int statusCode, IReadOnlyList<FieldError> errors)
    {
        var code = statusCode switch
        {
            < 500 => OAuthError.InvalidRequest,
            StatusCodes.Status503ServiceUnavailable => OAuthError.TemporarilyUnavailable,
            _ => OAuthError.ServerError,
        };
        return OAuthError.Create(statusCode, code, string.Join("; ", errors));
    }
}
