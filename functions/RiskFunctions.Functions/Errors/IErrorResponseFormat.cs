using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Functions.Errors;

/// <summary>
/// How an endpoint's errors look on the wire. The risk API's own shape (<see cref="ApiError"/>) is the
/// default; endpoints that speak another vendor's dialect declare theirs with
/// <see cref="ErrorResponses.WithErrorFormat{TBuilder}"/>, and then every error produced for them by the
/// pipeline (binding and JSON failures, body limits, empty 4xx/5xx answers) uses it too.
/// </summary>
public interface IErrorResponseFormat
{
    /// <summary>The response for <paramref name="statusCode"/> with one entry per problem (at least one).</summary>
    IResult Create(int statusCode, IReadOnlyList<FieldError> errors);
}
