using System.ComponentModel.DataAnnotations;

namespace RiskFunctions.Functions.Features.Rules;

/// <summary>How fresh each instance keeps its compiled rules and how often it stores hit counts.</summary>
public sealed class RulesOptions
{
    public const string SectionName = "Rules";

    /// <summary>
    /// Longest time an instance evaluates with rules it has not confirmed current (a point read of the tenant's
    /// rule-set version). Past half of it the check runs in the background; past all of it, before evaluating.
    /// A change is visible at once on the instance that made it. Default: 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often hit counts aggregated in memory are added to the stored counters, and so how much an instance
    /// can lose when it stops without a clean shutdown (a clean one flushes). Default: 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan HitFlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A tenant's compiled rules are dropped from memory after this long without an evaluation. Default: 10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan IdleEviction { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After a failed version check, how long the last known rules are used before checking again. Default: 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(1);
}
