#:sdk Microsoft.NET.Sdk.Web
// Baseline for bench/load/local-host.sh: the sample's Ping handler on plain Kestrel, no Functions host or worker.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/ping", () => "pong");
app.Run();
