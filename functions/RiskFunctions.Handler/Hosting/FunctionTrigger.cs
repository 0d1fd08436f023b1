namespace RiskFunctions.Handler.Hosting;

/// <summary>What starts a function. Each kind knows the bindings it needs in <c>function.json</c>.</summary>
public abstract record FunctionTrigger;

/// <summary>
/// An HTTP operation forwarded verbatim to the handler: exactly one <c>httpTrigger</c> and one
/// <c>http</c> output named <c>res</c>, the only shape the host forwards.
/// </summary>
/// <param name="Route">Route template without a leading slash, as the host expects (<c>risk/v1/label</c>).</param>
/// <param name="Methods">HTTP methods, upper case.</param>
/// <param name="AuthLevel">The host key the host demands before forwarding.</param>
public sealed record HttpTrigger(string Route, IReadOnlyList<string> Methods, FunctionAuthLevel AuthLevel) : FunctionTrigger;

/// <summary>
/// A Service Bus queue message delivered as a <c>POST /{FunctionName}</c> envelope. The binding always
/// uses <c>dataType: binary</c> so the body arrives as exact bytes and cannot leak into the metadata.
/// </summary>
/// <param name="QueueName">Queue name or an app-setting reference such as <c>%LabelPropagationQueue%</c>.</param>
/// <param name="Connection">Name of the connection setting (identity-based: <c>&lt;name&gt;__fullyQualifiedNamespace</c>).</param>
/// <param name="BindingName">Key of the message in the envelope's <c>Data</c>.</param>
public sealed record ServiceBusQueueTrigger(string QueueName, string Connection, string BindingName = "message") : FunctionTrigger;

/// <summary>A schedule delivered as a <c>POST /{FunctionName}</c> envelope.</summary>
/// <param name="Schedule">NCRONTAB expression (six fields) or an app-setting reference such as <c>%Schedule%</c>.</param>
/// <param name="BindingName">Key of the timer information in the envelope's <c>Data</c>.</param>
public sealed record TimerTrigger(string Schedule, string BindingName = "timer") : FunctionTrigger;
