namespace RiskFunctions.Domain.Rules.Model;

/// <summary>
/// The bounds every rule and every tenant's rule set stays within. They keep a rule storable as one table
/// entity, keep a tenant's compiled rule set small enough to cache on every instance, and make a pasted list
/// of the wrong thing fail loudly instead of compiling into something nobody meant.
/// </summary>
public static class RuleLimits
{
    /// <summary>Smallest priority; evaluated first.</summary>
    public const int MinPriority = 1;

    /// <summary>Largest priority (the contract's maximum).</summary>
    public const int MaxPriority = 1000;

    /// <summary>
    /// Rules per tenant. Priorities are unique per tenant and range over 1..1000, so this is also the most a
    /// tenant can ever hold.
    /// </summary>
    public const int MaxRulesPerTenant = MaxPriority - MinPriority + 1;

    /// <summary>Longest rule name, in UTF-16 code units after trimming.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Values in one rule's matcher.</summary>
    public const int MaxValuesPerMatcher = 1000;

    /// <summary>Matcher values summed over all of a tenant's rules (bounds the memory of its compiled set).</summary>
    public const int MaxValuesPerTenant = 50_000;

    /// <summary>Longest device id, fingerprint, public key or user id.</summary>
    public const int MaxIdentifierLength = 256;

    /// <summary>Longest browser name or OS version.</summary>
    public const int MaxLabelLength = 64;
}
