using System.Globalization;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Functions.Features.Enrichment;

/// <summary>Checks the IP-intelligence settings at start-up, before any file is read.</summary>
internal sealed class IpIntelligenceOptionsValidator : IValidateOptions<IpIntelligenceOptions>
{
    public ValidateOptionsResult Validate(string? name, IpIntelligenceOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Format))
        {
            failures.Add($"{IpIntelligenceOptions.SectionName}:Format must be one of {string.Join(", ", Enum.GetNames<IpDataFormat>())}.");
        }

        foreach (var entry in IpIntelligenceOptions.SplitList(options.HostingAsns))
        {
            if (!TryParseAsn(entry, out _))
            {
                failures.Add($"{IpIntelligenceOptions.SectionName}:HostingAsns: '{entry}' is not an AS number.");
            }
        }

        if (options.Format == IpDataFormat.DbIp && (options.CountryLocationsCsv is not null || options.CityLocationsCsv is not null))
        {
            failures.Add($"{IpIntelligenceOptions.SectionName}: Locations files belong to the GeoLite2 format, but Format is DbIp.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool TryParseAsn(string text, out uint number)
    {
        var digits = text.StartsWith("AS", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();
        return uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
