namespace RiskFunctions.Functions.Security.Abuse;

/// <summary>A client in cool-down: until when, and the failure that tipped it over (status and message).</summary>
public sealed record ActionTokenBlock(DateTimeOffset Until, int UnderlyingStatus, string UnderlyingMessage);
