namespace RiskFunctions.Functions.Security.Commands;

/// <summary>The client a <c>bootstrap</c> or <c>rotate-secret</c> command acts on, as the operator typed it (validated by the command).</summary>
/// <param name="Tenant">The tenant id.</param>
/// <param name="Client">The client's name within the tenant.</param>
/// <param name="Scopes">Space- or comma-separated scopes for a new client; <c>null</c> for the default scopes (bootstrap only).</param>
/// <param name="Json">Write the credentials as JSON instead of text.</param>
public sealed record ClientCommand(string Tenant, string Client, string? Scopes = null, bool Json = false);
