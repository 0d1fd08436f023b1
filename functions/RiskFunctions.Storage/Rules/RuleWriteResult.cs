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

    /// <summary>
    /// The rule is not at a revision the change's <see cref="RuleRevisionCondition"/> accepts; nothing was written and
    /// <see cref="RuleWriteResult.Revision"/> is the rule's current revision.
    /// </summary>
    RevisionMismatch,
}

/// <summary>The outcome of a create, update or delete. Nothing was written unless it succeeded.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="RuleId">The rule concerned (the new id after a create).</param>
/// <param name="Version">The tenant's rule-set version after a successful change.</param>
/// <param name="Conflicts">
/// For <see cref="RuleWriteStatus.PriorityTaken"/> and <see cref="RuleWriteStatus.NameTaken"/>: every reservation
/// the change collided with (the priority, the name or both), the one <see cref="Status"/> names first.
/// </param>
/// <param name="Detail">Which limit was reached, for <see cref="RuleWriteStatus.TenantLimitReached"/>.</param>
/// <param name="Revision">
/// The rule's revision after a successful create or update (unchanged by an update that changed nothing), and its
/// current revision for <see cref="RuleWriteStatus.RevisionMismatch"/>.
/// </param>
public sealed record RuleWriteResult(
    RuleWriteStatus Status,
    string? RuleId = null,
    long Version = 0,
    IReadOnlyList<RuleConflict>? Conflicts = null,
    string? Detail = null,
    long Revision = 0)
{
    /// <summary>The rule holding the priority or name <see cref="Status"/> names, when known.</summary>
    public string? ConflictingRuleId => Conflicts is [var first, ..] ? first.RuleId : null;
}

/// <summary>A priority or name of a change that another rule of the tenant holds.</summary>
/// <param name="Status"><see cref="RuleWriteStatus.PriorityTaken"/> or <see cref="RuleWriteStatus.NameTaken"/>.</param>
/// <param name="RuleId">The rule holding it, when known.</param>
public sealed record RuleConflict(RuleWriteStatus Status, string? RuleId);
