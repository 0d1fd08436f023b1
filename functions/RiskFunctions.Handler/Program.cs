using RiskFunctions.Handler.Features.Enrichment;
using RiskFunctions.Handler.Security;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddEnrichment(builder.Configuration);
builder.Services.AddRiskSecurity(builder.Configuration);

var app = builder.Build();
app.UseRiskSecurity();
app.MapGet("/", () => Results.Ok());
app.MapSecurityApi();
await app.RunAsync();

/// <summary>The handler's entry point, visible to in-process test hosts.</summary>
public partial class Program;
