namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>
/// What a user-agent string says about the client, in normalized names (see <see cref="BrowserNames"/>,
/// <see cref="OsNames"/>, <see cref="DevicePlatforms"/>). A value the string does not reveal is
/// <see langword="null"/>; nothing is guessed.
/// </summary>
/// <param name="BrowserName">Browser family, in-app browser, or the product name of a bot.</param>
/// <param name="BrowserVersion">Major version of that browser or bot (<c>"120"</c>).</param>
/// <param name="OsName">Operating system family.</param>
/// <param name="OsVersion">Operating system version as the user agent states it (see <see cref="OsNames"/>).</param>
/// <param name="DevicePlatform">Kind of device (see <see cref="DevicePlatforms"/>).</param>
/// <param name="IsBot">
/// Whether the client declares itself a crawler, a headless or automated browser, or an HTTP library.
/// A user agent is a claim: a bot that copies a browser's string is not detected here.
/// </param>
public sealed record UserAgentInfo(
    string? BrowserName,
    string? BrowserVersion,
    string? OsName,
    string? OsVersion,
    string? DevicePlatform,
    bool IsBot)
{
    /// <summary>The result for a missing, blank or unrecognizable user agent.</summary>
    public static UserAgentInfo Unknown { get; } = new(null, null, null, null, null, false);
}
