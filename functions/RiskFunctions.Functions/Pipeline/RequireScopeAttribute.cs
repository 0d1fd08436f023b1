namespace RiskFunctions.Functions.Pipeline;

/// <summary>The function needs a valid bearer token carrying <see cref="Scope"/> (401 without one, 403 without the scope).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequireScopeAttribute(string scope) : Attribute
{
    public string Scope { get; } = scope;
}
