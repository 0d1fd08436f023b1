using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Transactions;

/// <summary>Address Verification Service result of the transaction.</summary>
public sealed record TransactionAvs
{
    /// <summary>AVS response code, e.g. <c>Y</c>.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    /// <summary>AVS provider name, e.g. <c>Stripe</c>.</summary>
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }

    [JsonPropertyName("matchLevel")]
    public AvsMatchLevel? MatchLevel { get; init; }
}
