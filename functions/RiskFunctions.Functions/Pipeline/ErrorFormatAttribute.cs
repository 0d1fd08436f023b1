using RiskFunctions.Functions.Errors;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>
/// Every error the pipeline produces for the function (bad bodies, limits, storage outages, unexpected failures)
/// uses this <see cref="IErrorResponseFormat"/> (a type with a public parameterless constructor) instead of the
/// risk API's own body.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ErrorFormatAttribute(Type format) : Attribute
{
    public Type Format { get; } = format;
}
