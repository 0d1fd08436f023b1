using Microsoft.AspNetCore.Http.Metadata;
using RiskFunctions.Handler.Hosting;
using RiskFunctions.Handler.Security;

namespace RiskFunctions.Handler.Features.Import;

/// <summary>The historical import: past actions, results and labels with their original times.</summary>
public static class ImportApi
{
    public const string ImportActionsRoute = "/risk/v1/import/actions";

    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ImportActionsRoute, ImportEndpoint.HandleAsync)
            .RequireAuthorization(RiskScopes.Import)
            .WithMetadata(new BodySizeLimit(ImportEndpoint.MaxBodyBytes))
            .WithName(FunctionCatalog.ImportActions);
        return endpoints;
    }

    /// <summary>Registers the import's own services; needs the actions and labels features registered as well.</summary>
    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        services.AddSingleton<ImportPlanner>();
        services.AddScoped<ImportApplier>();
        return services;
    }

    /// <summary>An endpoint's own body size limit, above the service-wide one.</summary>
    private sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
