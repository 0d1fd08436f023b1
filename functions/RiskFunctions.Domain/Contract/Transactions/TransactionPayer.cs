using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Transactions;

/// <summary>Payer of the transaction: the shared party shape plus customer tier and billing information.</summary>
public sealed record TransactionPayer : TransactionParty
{
    /// <summary>Payer's customer tier, e.g. <c>premium</c>.</summary>
    [JsonPropertyName("customerTier")]
    public string? CustomerTier { get; init; }

    [JsonPropertyName("billingInfo")]
    public TransactionAddress? BillingInfo { get; init; }
}
