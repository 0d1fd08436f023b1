using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Transactions;

/// <summary>A single product line item of a purchase.</summary>
public sealed record TransactionProduct
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Quantity of this line item (at least 1).</summary>
    [JsonPropertyName("amount")]
    public int? Amount { get; init; }

    /// <summary>Price per unit (at least 0).</summary>
    [JsonPropertyName("price")]
    public decimal? Price { get; init; }
}
