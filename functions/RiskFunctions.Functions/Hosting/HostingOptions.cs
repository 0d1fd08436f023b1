using System.ComponentModel.DataAnnotations;

namespace RiskFunctions.Functions.Hosting;

/// <summary>Request limits the app applies to every HTTP function. Section <c>Hosting</c>.</summary>
public sealed class HostingOptions
{
    public const string SectionName = "Hosting";

    /// <summary>Largest accepted request body in bytes. Default: 64 KiB, far above any legitimate API call.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
