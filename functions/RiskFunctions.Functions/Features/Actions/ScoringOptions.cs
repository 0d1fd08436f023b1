using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>
/// Scoring configuration (section <c>Scoring</c>): the model's weights, the default score bands and per-tenant
/// bands. Defaults are documented in <c>docs/SCORING.md</c>.
/// </summary>
public sealed class ScoringOptions
{
    public const string SectionName = "Scoring";

    /// <summary>The model's weights (<c>Scoring:Model</c>).</summary>
    public ScoringModelOptions Model { get; set; } = new();

    /// <summary>Bands for tenants without their own (<c>Scoring:Bands</c>): TRUST ≤ 15, CHALLENGE ≥ 50, DENY ≥ 85.</summary>
    public ScoreBands Bands { get; set; } = ScoreBands.Default;

    /// <summary>Per-tenant bands by tenant id (<c>Scoring:Tenants:&lt;tenant id&gt;:Bands</c>).</summary>
    public Dictionary<string, TenantScoringOptions> Tenants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The bands of <paramref name="tenantId"/>.</summary>
    public ScoreBands BandsFor(string tenantId) =>
        Tenants.TryGetValue(tenantId, out var tenant) && tenant.Bands is { } bands ? bands : Bands;

    /// <summary>The bands configured for <paramref name="tenantId"/> itself; <c>null</c> when it has none (its learned model's, else <see cref="Bands"/>, apply).</summary>
    public ScoreBands? ConfiguredBandsFor(string tenantId) =>
        Tenants.TryGetValue(tenantId, out var tenant) ? tenant.Bands : null;

    /// <summary>What is wrong with the options (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Model.Validate().Select(e => $"{SectionName}:Model:{e}"));
        errors.AddRange(Bands.Validate().Select(e => $"{SectionName}:Bands:{e}"));
        foreach (var (tenant, options) in Tenants)
        {
            if (options.Bands is { } bands)
            {
                errors.AddRange(bands.Validate().Select(e => $"{SectionName}:Tenants:{tenant}:Bands:{e}"));
            }
        }

        return errors;
    }
}

/// <summary>One tenant's scoring settings.</summary>
public sealed class TenantScoringOptions
{
    public ScoreBands? Bands { get; set; }
}
