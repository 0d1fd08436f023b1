using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Transactions;

/// <summary>Card-level identifiers of a transaction party. Never a full card number.</summary>
public sealed record TransactionCard
{
    [JsonPropertyName("holderName")]
    public string? HolderName { get; init; }

    /// <summary>Bank Identification Number: the first 6 to 8 digits of the card.</summary>
    [JsonPropertyName("bin")]
    public string? Bin { get; init; }

    /// <summary>Last 4 digits of the card number.</summary>
    [JsonPropertyName("last4")]
    public string? Last4 { get; init; }
}
