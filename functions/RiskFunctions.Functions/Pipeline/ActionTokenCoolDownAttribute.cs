namespace RiskFunctions.Functions.Pipeline;

/// <summary>
/// The function is given an action token: a client whose answers keep being 400/404/410 gets 463 with
/// <c>Retry-After</c> for the cool-down. Needs <see cref="RequireScopeAttribute"/> (the client comes from the token).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ActionTokenCoolDownAttribute : Attribute;
