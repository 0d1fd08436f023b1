namespace RiskFunctions.Domain.Labels;

/// <summary>Documented bounds on label input; values past them are rejected, never truncated.</summary>
public static class LabelLimits
{
    /// <summary>Longest subject value (ids, IPs, correlation ids).</summary>
    public const int SubjectValueLength = 256;

    /// <summary>Longest reviewer name, e-mail or comment carried from a dialect.</summary>
    public const int TextLength = 1024;
}
