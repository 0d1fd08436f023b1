using System.ComponentModel.DataAnnotations;

namespace RiskFunctions.Functions.Security.Abuse;

/// <summary>
/// When a client is put in cool-down for sending bad action tokens (section <c>Security:ActionTokenAbuse</c>):
/// <see cref="Threshold"/> failures within <see cref="Window"/> block it for <see cref="CoolDown"/>.
/// </summary>
public sealed class ActionTokenAbuseOptions
{
    public const string SectionName = "Security:ActionTokenAbuse";

    [Range(1, 100_000)]
    public int Threshold { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CoolDown { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Clients tracked per instance; beyond it the quietest are forgotten first.</summary>
    [Range(100, 10_000_000)]
    public int MaxTrackedClients { get; set; } = 100_000;
}
