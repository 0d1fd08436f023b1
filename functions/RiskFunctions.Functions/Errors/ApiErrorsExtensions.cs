using Microsoft.AspNetCore.Http.Json;
using RiskFunctions.Functions.Json;

namespace RiskFunctions.Functions.Errors;

/// <summary>Serialization of the error and health bodies; the worker's ErrorsMiddleware answers the errors themselves.</summary>
public static class ApiErrorsExtensions
{
    /// <summary>Lets the results the functions return serialize the app's own wire types without reflection.</summary>
    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(options =>
            options.SerializerOptions.TypeInfoResolverChain.Add(HandlerJsonContext.Default));
        return services;
    }
}
