namespace RiskFunctions.Functions.Features.Import;

/// <summary>Composition of the historical import.</summary>
public static class ImportServiceCollectionExtensions
{
    /// <summary>Registers the import's own services; needs the actions and labels features registered as well.</summary>
    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        services.AddSingleton<ImportPlanner>();
        services.AddScoped<ImportApplier>();
        return services;
    }
}
