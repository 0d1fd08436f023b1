namespace RiskFunctions.LocalHost.Admin;

/// <summary>Body of <c>POST /admin/functions/{name}</c>, as the Functions host takes it.</summary>
internal sealed record FunctionInvokeRequest(string? Input);

/// <summary>A loaded function in <c>GET /admin/functions</c>.</summary>
internal sealed record FunctionSummary(string Name, string Trigger, string Description);

/// <summary>The answer to an enqueue through the admin endpoint.</summary>
internal sealed record EnqueueMessageResult(string Queue, string MessageId, bool DuplicateDropped);
