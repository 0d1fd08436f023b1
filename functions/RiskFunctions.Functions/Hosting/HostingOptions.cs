using System.ComponentModel.DataAnnotations;
using System.Net;

namespace RiskFunctions.Functions.Hosting;

/// <summary>
/// Where and how the handler listens when it runs standalone, and the limits it applies in every mode.
/// Under the Functions host the address and port are dictated by the host and these two are ignored.
/// </summary>
public sealed class HostingOptions
{
    public const string SectionName = "Hosting";

    /// <summary>Listen address in standalone mode: an IP address or <c>localhost</c>. Default: loopback.</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Listen port in standalone mode (0 picks a free port). Default: 7071, as <c>func start</c>.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 7071;

    /// <summary>Largest accepted request body in bytes. Default: 64 KiB, far above any legitimate API call.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Whether <see cref="Address"/> is something Kestrel can listen on.</summary>
    internal bool HasValidAddress => Address == "localhost" || IPAddress.TryParse(Address, out _);
}
