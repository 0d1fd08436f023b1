using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Security.Authentication;

/// <summary>Carries why a presented token was refused from authentication to the 401 answer.</summary>
public sealed record TokenFailureFeature(TokenFailure Failure);
