using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Transactions;

/// <summary>Address and contact information (used by <c>billingInfo</c> and <c>shippingInfo</c>).</summary>
public sealed record TransactionAddress
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("addressLine1")]
    public string? AddressLine1 { get; init; }

    [JsonPropertyName("addressLine2")]
    public string? AddressLine2 { get; init; }

    [JsonPropertyName("city")]
    public string? City { get; init; }

    /// <summary>State, province or region.</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonPropertyName("zipPostalCode")]
    public string? ZipPostalCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    [JsonPropertyName("country")]
    public string? Country { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("phone")]
    public string? Phone { get; init; }
}
