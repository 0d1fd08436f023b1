using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using RiskFunctions.Functions.Errors;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>
/// What an HTTP function declares on its entry point, read once. <see cref="Endpoint"/> carries the error format and
/// body limit as ASP.NET endpoint metadata, so code that asks the request's endpoint (the error bodies) finds them.
/// </summary>
public sealed record HttpFunctionDeclaration(
    string Name,
    string? Scope,
    bool Anonymous,
    IErrorResponseFormat ErrorFormat,
    string? IdempotencyOperation,
    bool ActionTokenCoolDown,
    long? BodyLimit,
    Endpoint Endpoint)
{
    /// <summary>Reads the declarations of <paramref name="method"/>.</summary>
    /// <exception cref="InvalidOperationException">The method says neither who may call it nor that anyone may, or contradicts itself.</exception>
    public static HttpFunctionDeclaration From(string name, MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var scope = method.GetCustomAttribute<RequireScopeAttribute>()?.Scope;
        var anonymous = method.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
        if (scope is null == !anonymous)
        {
            throw new InvalidOperationException(
                $"HTTP function {name} must declare exactly one of [{nameof(RequireScopeAttribute)}] and [{nameof(AllowAnonymousAttribute)}].");
        }

        var coolDown = method.GetCustomAttribute<ActionTokenCoolDownAttribute>() is not null;
        var idempotency = method.GetCustomAttribute<IdempotentAttribute>()?.Operation;
        if (scope is null && (coolDown || idempotency is not null))
        {
            throw new InvalidOperationException($"HTTP function {name}: the action-token cool-down and Idempotency-Key need an authenticated client.");
        }

        var format = method.GetCustomAttribute<ErrorFormatAttribute>()?.Format is { } formatType
            ? (IErrorResponseFormat)Activator.CreateInstance(formatType)!
            : ErrorResponses.Default;
        var bodyLimit = method.GetCustomAttribute<BodyLimitAttribute>()?.Bytes;
        var metadata = new List<object> { format };
        if (bodyLimit is { } limit)
        {
            metadata.Add(new BodySizeLimit(limit));
        }

        return new HttpFunctionDeclaration(name, scope, anonymous, format, idempotency, coolDown, bodyLimit,
            new Endpoint(requestDelegate: null, new EndpointMetadataCollection(metadata), name));
    }

    private sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
