namespace RiskFunctions.Storage.Rules;

/// <summary>How a rule change ended.</summary>
public enum RuleWriteStatus
{
    Succeeded,

    /// <summary>No such rule in the tenant.</summary>
    NotFound,

    /// <summary>Another rule of the tenant has the priority; <see cref="RuleWriteResult.ConflictingRuleId"/> names it.</summary>
    PriorityTaken,

    /// <summary>Another rule of the tenant has the name (ignoring case).</summary>
    NameTaken,

    /// <summary>The change would take the tenant past a limit of <see cref="Domain.Rules.Model.RuleLimits"/>.</summary>
    TenantLimitReached,

    /// <summary>Other changes to the tenant's rules kept winning the race; nothing was written, retrying is safe.</summary>
    Contended,
}

/// <summary>The outcome of a create, update or delete. Nothing was written unless it succeeded.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="RuleId">The rule concerned (the new id after a create).</param>
/// <param name="Version">The tenant's rule-set version after a successful change.</param>
/// <param name="ConflictingRuleId">The rule holding the priority or name, when known.</param>
/// <param name="Detail">Which limit was reached, for <see cref="RuleWriteStatus.TenantLimitReached"/>.</param>
public sealed record RuleWriteResult(
    RuleWriteStatus Status,
    string? RuleId = null,
    long Version = 0,
    string? ConflictingRuleId = null,
    string? Detail = null);
