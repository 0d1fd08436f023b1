using RiskFunctions.Handler.Features.Enrichment;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddEnrichment(builder.Configuration);
var app = builder.Build();
app.MapGet("/", () => Results.Ok());
await app.RunAsync();
