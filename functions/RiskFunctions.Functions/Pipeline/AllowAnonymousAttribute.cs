namespace RiskFunctions.Functions.Pipeline;

/// <summary>The function answers without a token. Said out loud, so that no function is public by omission.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AllowAnonymousAttribute : Attribute;
