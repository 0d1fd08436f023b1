using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Transactions;

/// <summary>
/// Transaction data-points provided with the action (<c>transaction_data</c>). Unlike the rest of the
/// contract these fields are camelCase on the wire.
/// </summary>
public sealed record TransactionData
{
    /// <summary>Monetary amount; must be strictly positive and at most 999,999,999.99.</summary>
    [JsonPropertyName("amount")]
    public decimal? Amount { get; init; }

    /// <summary>ISO 4217 currency code.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    [JsonPropertyName("type")]
    public TransactionType? Type { get; init; }

    [JsonPropertyName("method")]
    public TransactionMethod? Method { get; init; }

    /// <summary>Identifier of the channel used, e.g. <c>MOBILE_APP</c>.</summary>
    [JsonPropertyName("channelId")]
    public string? ChannelId { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>Transaction time as a Unix epoch in milliseconds or seconds.</summary>
    [JsonPropertyName("transactionDate")]
    public long? TransactionDate { get; init; }

    [JsonPropertyName("payer")]
    public TransactionPayer? Payer { get; init; }

    [JsonPropertyName("payee")]
    public TransactionPayee? Payee { get; init; }

    [JsonPropertyName("purchase")]
    public TransactionPurchase? Purchase { get; init; }

    [JsonPropertyName("avs")]
    public TransactionAvs? Avs { get; init; }
}
