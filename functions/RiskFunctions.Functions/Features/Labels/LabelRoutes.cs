namespace RiskFunctions.Functions.Features.Labels;

/// <summary>The label routes, the risk API's and the vendor dialects'.</summary>
public static class LabelRoutes
{
    public const string Label = "risk/v1/label";
    public const string LabelStatus = Label + "/{labelId}";
    public const string Ravelin = "ravelin/v2/customer/{customerId}/labels";
    public const string DataDome = "datadome/v1/feedback";
    public const string LithicFraudReport = "lithic/v1/fraud/transactions/{transactionToken}";
}
