using Microsoft.AspNetCore.WebUtilities;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Dialects.DataDome;
using RiskFunctions.Domain.Contract.Dialects.Lithic;
using RiskFunctions.Domain.Contract.Dialects.Ravelin;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Functions.Errors;

namespace RiskFunctions.Functions.Features.Labels.Dialects;

/// <summary>Ravelin's error body: <c>{"status": N, "message": "field: problem; ..."}</c>.</summary>
public sealed class RavelinErrorFormat : IErrorResponseFormat
{
    public static RavelinErrorFormat Instance { get; } = new();

    public IResult Create(int statusCode, IReadOnlyList<FieldError> errors) => TypedResults.Json(
        new RavelinErrorResponse { Status = statusCode, Message = string.Join("; ", errors) },
        RiskJsonContext.Default.RavelinErrorResponse,
        statusCode: statusCode);
}

/// <summary>DataDome's error body: <c>{"message": "...", "errors": [{"field", "error"}], "error": "Bad Request"}</c>.</summary>
public sealed class DataDomeErrorFormat : IErrorResponseFormat
{
    public static DataDomeErrorFormat Instance { get; } = new();

    public IResult Create(int statusCode, IReadOnlyList<FieldError> errors) => TypedResults.Json(
        new DataDomeErrorResponse
        {
            Message = statusCode == StatusCodes.Status400BadRequest ? "Invalid request" : string.Join("; ", errors),
            Errors = [.. errors.Select(e => new DataDomeFieldError { Field = e.Field, Error = e.Message })],
            Error = ReasonPhrases.GetReasonPhrase(statusCode),
        },
        RiskJsonContext.Default.DataDomeErrorResponse,
        statusCode: statusCode);
}

/// <summary>Lithic's error body: <c>{"message": "field: problem; ..."}</c>.</summary>
public sealed class LithicErrorFormat : IErrorResponseFormat
{
    public static LithicErrorFormat Instance { get; } = new();

    public IResult Create(int statusCode, IReadOnlyList<FieldError> errors) => TypedResults.Json(
        new LithicErrorResponse { Message = string.Join("; ", errors) },
        RiskJsonContext.Default.LithicErrorResponse,
        statusCode: statusCode);
}
