namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>Reads DB-IP "lite" CSVs (see <see cref="IpDataFormat.DbIp"/>).</summary>
internal static class DbIpCsv
{
    public static void ReadCountry(CsvRecordReader csv, IpRangeTableBuilder<IpLocation> table) =>
        ReadRows(csv, minimumFields: 3, fields =>
        {
            var country = IpDataText.CountryCode(csv, fields[2]);
            if (country is not null)
            {
                table.Add(IpDataText.Range(csv, fields[0], fields[1]), new IpLocation(country));
            }
        });

    public static void ReadCity(CsvRecordReader csv, IpRangeTableBuilder<IpLocation> table) =>
        ReadRows(csv, minimumFields: 8, fields =>
        {
            var location = new IpLocation(
                CountryCode: IpDataText.CountryCode(csv, fields[3]),
                Region: IpDataText.Text(fields[4]),
                City: IpDataText.Text(fields[5]),
                Latitude: IpDataText.Coordinate(csv, fields[6], 90),
                Longitude: IpDataText.Coordinate(csv, fields[7], 180));
            if (location.CountryCode is not null)
            {
                table.Add(IpDataText.Range(csv, fields[0], fields[1]), location);
            }
        });

    public static void ReadAsn(CsvRecordReader csv, IpRangeTableBuilder<AutonomousSystem> table) =>
        ReadRows(csv, minimumFields: 3, fields =>
        {
            var number = IpDataText.AsNumber(csv, fields[2]);
            if (number != 0)
            {
                var organization = fields.Count > 3 ? fields[3] : null;
                table.Add(IpDataText.Range(csv, fields[0], fields[1]), new AutonomousSystem(number, organization));
            }
        });

    private static void ReadRows(CsvRecordReader csv, int minimumFields, Action<List<string>> read)
    {
        var fields = new List<string>(8);
        while (csv.TryRead(fields))
        {
            // DB-IP ships without a header; tolerate one that a tool added.
            if (csv.LineNumber == 1 && fields.Count > 0 && !IpAddressValue.TryParse(fields[0], out _))
            {
                continue;
            }

            if (fields.Count < minimumFields)
            {
                throw csv.Error($"expected at least {minimumFields} comma-separated fields, found {fields.Count}.");
            }

            read(fields);
        }
    }
}
