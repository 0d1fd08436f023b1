using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Transactions;

/// <summary>The shape shared by a transaction's payer and payee (<c>transaction_party</c>).</summary>
public abstract record TransactionParty
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("accountNumber")]
    public string? AccountNumber { get; init; }

    /// <summary>Unique identifier of the party's account.</summary>
    [JsonPropertyName("accountId")]
    public string? AccountId { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country of the account.</summary>
    [JsonPropertyName("accountCountryCode")]
    public string? AccountCountryCode { get; init; }

    /// <summary>Bank identifier, e.g. a BIC.</summary>
    [JsonPropertyName("bankIdentifier")]
    public string? BankIdentifier { get; init; }

    [JsonPropertyName("branchIdentifier")]
    public string? BranchIdentifier { get; init; }

    [JsonPropertyName("card")]
    public TransactionCard? Card { get; init; }
}
