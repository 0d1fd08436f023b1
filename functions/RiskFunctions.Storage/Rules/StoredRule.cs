using Azure;
using RiskFunctions.Domain.Rules.Model;

namespace RiskFunctions.Storage.Rules;

/// <summary>A rule as stored: the rule, when it was created and last changed, and its entity version.</summary>
public sealed record StoredRule(RecommendationRule Rule, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, ETag ETag);
