namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>
/// Where an address is registered or located, as far as the loaded data says. Maps onto the
/// <c>context</c> fields <c>ip_country</c>, <c>ip_location_region</c>, <c>ip_location_city</c>,
/// <c>ip_location_zip</c>, <c>ip_location_latitude</c>, <c>ip_location_longitude</c> and
/// <c>ip_location_timezone</c>. Instances are shared by every range with the same values.
/// </summary>
/// <param name="CountryCode">ISO 3166-1 alpha-2, upper case.</param>
/// <param name="Region">State, province or first-level subdivision name.</param>
/// <param name="City">City name.</param>
/// <param name="PostalCode">Postal code (GeoLite2 City only).</param>
/// <param name="Latitude">Decimal degrees as written by the source (the contract carries it as a string).</param>
/// <param name="Longitude">Decimal degrees as written by the source.</param>
/// <param name="TimeZone">IANA time zone (GeoLite2 City only).</param>
public sealed record IpLocation(
    string? CountryCode,
    string? Region = null,
    string? City = null,
    string? PostalCode = null,
    string? Latitude = null,
    string? Longitude = null,
    string? TimeZone = null);
