namespace RiskFunctions.LocalHost.Http;

/// <summary>What the host answers when a function failed without answering, or could not be reached.</summary>
internal sealed record FunctionErrorBody(string Error, string Function, string InvocationId, string? Exception);
