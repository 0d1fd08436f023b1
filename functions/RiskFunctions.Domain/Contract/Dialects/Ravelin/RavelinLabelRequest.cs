using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.Ravelin;

/// <summary>Body of Ravelin's <c>POST /v2/customer/{customerId}/labels</c>: a review of a customer in one fraud category.</summary>
public sealed record RavelinLabelRequest
{
    [JsonPropertyName("category")]
    public RavelinCategory? Category { get; init; }

    /// <summary>The review to apply; the allowed values depend on <see cref="Category"/>.</summary>
    [JsonPropertyName("review")]
    public RavelinReview? Review { get; init; }

    [JsonPropertyName("reviewer")]
    public RavelinReviewer? Reviewer { get; init; }

    /// <summary>Why the customer was reviewed so; recorded in the audit trail.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; init; }
}
