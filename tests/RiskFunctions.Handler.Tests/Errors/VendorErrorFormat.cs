using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Handler.Errors;

namespace RiskFunctions.Handler.Tests.Errors;

/// <summary>Another API's error shape, <c>{"status": N, "errors": [{"field", "error"}]}</c>, for dialect endpoints.</summary>
internal sealed class VendorErrorFormat : IErrorResponseFormat
{
    public IResult Create(int statusCode, IReadOnlyList<FieldError> errors)
    {
        var items = errors.Select(e => $$"""{"field":{{JsonSerializer.Serialize(e.Field)}},"error":{{JsonSerializer.Serialize(e.Message)}}}""");
        return Results.Content($$"""{"status":{{statusCode}},"errors":[{{string.Join(',', items)}}]}""", "application/json", statusCode: statusCode);
    }
}
