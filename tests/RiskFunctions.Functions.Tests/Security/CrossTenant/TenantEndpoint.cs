namespace RiskFunctions.Functions.Tests.Security.CrossTenant;

/// <summary>
/// One tenant-scoped HTTP function of the catalog and how an attacker tenant tries to use the victim's
/// ids through it. Method and route come from the catalog entry named <see cref="Function"/>.
/// </summary>
/// <param name="Function">The catalog's function name.</param>
/// <param name="Scope">The scope the endpoint requires.</param>
/// <param name="Attack">Sends the attacker's request (with the victim's ids) and asserts the victim stayed invisible and untouched.</param>
/// <param name="ValidBody">A valid JSON body for endpoints that take one (used for the size and depth limits), else null.</param>
/// <param name="Errors">The shape of the endpoint's error bodies.</param>
public sealed record TenantEndpoint(
    string Function,
    string Scope,
    Func<CrossTenantFixture, Task> Attack,
    string? ValidBody = null,
    ErrorShape Errors = ErrorShape.Risk);

/// <summary>Error body shapes: the risk API's own, and the vendors' whose dialects are served.</summary>
public enum ErrorShape
{
    /// <summary><c>{"message": ["field: problem"], "error_code": N}</c>.</summary>
    Risk,

    /// <summary><c>{"status": N, "message": "..."}</c>.</summary>
    Ravelin,

    /// <summary><c>{"message": "...", "errors": [{"field", "error"}], "error": "..."}</c>.</summary>
    DataDome,

    /// <summary><c>{"message": "field: problem; ..."}</c>.</summary>
    Lithic,
}
