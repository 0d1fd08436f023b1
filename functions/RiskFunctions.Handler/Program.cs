using RiskFunctions.Handler.Errors;
using RiskFunctions.Handler.Features.Actions;
using RiskFunctions.Handler.Features.Enrichment;
using RiskFunctions.Handler.Features.Import;
using RiskFunctions.Handler.Features.Labels;
using RiskFunctions.Handler.Features.Rings;
using RiskFunctions.Handler.Features.Labels.Dialects;
using RiskFunctions.Handler.Features.Rules;
using RiskFunctions.Handler.Hosting;
using RiskFunctions.Handler.Hosting.Health;
using RiskFunctions.Handler.Hosting.Invocations;
using RiskFunctions.Handler.OpenApi;
using RiskFunctions.Handler.Security;
using RiskFunctions.Handler.Security.Commands;

if (FunctionMetadataWriter.TryRun(args, out var exitCode))
{
    return exitCode;
}

if (SecurityCommands.IsCommand(args))
{
    return await SecurityCommands.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddHandlerHosting();
builder.Services.AddApiErrors();
builder.Services.AddHealth();
builder.Services.AddEnrichment(builder.Configuration);
builder.Services.AddRiskSecurity(builder.Configuration);
builder.Services.AddLabels(builder.Configuration);
builder.Services.AddRules();
builder.Services.AddActions();
builder.Services.AddImport();

var app = builder.Build();

app.UseHandlerHosting();
app.UseApiErrors();
app.UseRiskSecurity();

app.MapHostProtocol();
app.MapHealthApi();
app.MapInvocationApi();
app.MapSecurityApi();
app.MapLabelsApi();
app.MapRulesApi();
app.MapDialectLabelsApi();
app.MapActionsApi();
app.MapImportApi();
app.MapRingsApi();
app.MapOpenApiDocument();

await app.RunAsync();
return 0;

/// <summary>The handler's entry point; public so tests can host it in memory.</summary>
public partial class Program;
