namespace RiskFunctions.Functions.Features.Models;

/// <summary>The learned-model routes.</summary>
public static class ModelRoutes
{
    public const string Current = "risk/v1/models/current";
    public const string Train = "risk/v1/models/train";
}
