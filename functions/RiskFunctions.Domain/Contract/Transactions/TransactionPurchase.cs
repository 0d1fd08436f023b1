using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Transactions;

/// <summary>Purchase details of the transaction.</summary>
public sealed record TransactionPurchase
{
    /// <summary>Total number of items (at least 1).</summary>
    [JsonPropertyName("totalItems")]
    public int? TotalItems { get; init; }

    [JsonPropertyName("products")]
    public IReadOnlyList<TransactionProduct>? Products { get; init; }

    [JsonPropertyName("shippingInfo")]
    public TransactionAddress? ShippingInfo { get; init; }
}
