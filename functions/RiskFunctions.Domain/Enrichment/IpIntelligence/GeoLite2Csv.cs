namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>Reads MaxMind GeoLite2 CSVs (see <see cref="IpDataFormat.GeoLite2"/>); columns are found by header name.</summary>
internal static class GeoLite2Csv
{
    /// <summary>Reads a Country or City <c>Locations</c> file into <paramref name="locations"/> by geoname id.</summary>
    public static void ReadLocations(CsvRecordReader csv, Dictionary<long, IpLocation> locations)
    {
        var fields = new List<string>(16);
        var header = ReadHeader(csv, fields);
        var geonameId = Required(csv, header, "geoname_id");
        var country = Required(csv, header, "country_iso_code");
        var region = header.GetValueOrDefault("subdivision_1_name", -1);
        var city = header.GetValueOrDefault("city_name", -1);
        var timeZone = header.GetValueOrDefault("time_zone", -1);
        while (csv.TryRead(fields))
        {
            var id = GeonameId(csv, Field(fields, geonameId)) ?? throw csv.Error("geoname_id is empty.");
            var location = new IpLocation(
                CountryCode: IpDataText.CountryCode(csv, Field(fields, country)),
                Region: IpDataText.Text(Field(fields, region)),
                City: IpDataText.Text(Field(fields, city)),
                TimeZone: IpDataText.Text(Field(fields, timeZone)));

            // Country and City locations share geoname ids; keep the more detailed description.
            if (!locations.TryGetValue(id, out var existing) || Detail(location) > Detail(existing))
            {
                locations[id] = location;
            }
        }
    }

    /// <summary>Reads Country or City <c>Blocks</c>; city blocks also carry postal code and coordinates.</summary>
    public static void ReadLocationBlocks(CsvRecordReader csv, IReadOnlyDictionary<long, IpLocation> locations, IpRangeTableBuilder<IpLocation> table)
    {
        var fields = new List<string>(16);
        var header = ReadHeader(csv, fields);
        var network = Required(csv, header, "network");
        var geonameId = Required(csv, header, "geoname_id");
        var registeredCountry = header.GetValueOrDefault("registered_country_geoname_id", -1);
        var postalCode = header.GetValueOrDefault("postal_code", -1);
        var latitude = header.GetValueOrDefault("latitude", -1);
        var longitude = header.GetValueOrDefault("longitude", -1);
        while (csv.TryRead(fields))
        {
            // Anycast and satellite blocks may only name the registering country.
            var id = GeonameId(csv, Field(fields, geonameId)) ?? GeonameId(csv, Field(fields, registeredCountry));
            if (id is null)
            {
                continue;
            }

            if (!locations.TryGetValue(id.Value, out var location))
            {
                throw csv.Error($"geoname_id {id} is not in the GeoLite2 locations loaded (configure the matching Locations file).");
            }

            location = location with
            {
                PostalCode = IpDataText.Text(Field(fields, postalCode)),
                Latitude = IpDataText.Coordinate(csv, Field(fields, latitude), 90),
                Longitude = IpDataText.Coordinate(csv, Field(fields, longitude), 180),
            };
            if (location.CountryCode is not null)
            {
                table.Add(IpDataText.Network(csv, Field(fields, network)), location);
            }
        }
    }

    public static void ReadAsnBlocks(CsvRecordReader csv, IpRangeTableBuilder<AutonomousSystem> table)
    {
        var fields = new List<string>(4);
        var header = ReadHeader(csv, fields);
        var network = Required(csv, header, "network");
        var number = Required(csv, header, "autonomous_system_number");
        var organization = header.GetValueOrDefault("autonomous_system_organization", -1);
        while (csv.TryRead(fields))
        {
            var asNumber = Field(fields, number);
            if (asNumber.Length == 0)
            {
                continue;
            }

            var system = new AutonomousSystem(IpDataText.AsNumber(csv, asNumber), Field(fields, organization));
            table.Add(IpDataText.Network(csv, Field(fields, network)), system);
        }
    }

    private static Dictionary<string, int> ReadHeader(CsvRecordReader csv, List<string> fields)
    {
        if (!csv.TryRead(fields))
        {
            throw csv.Error("the file is empty; a GeoLite2 CSV starts with a header line.");
        }

        var header = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Count; i++)
        {
            header.TryAdd(fields[i], i);
        }

        return header;
    }

    private static int Required(CsvRecordReader csv, Dictionary<string, int> header, string column) =>
        header.TryGetValue(column, out var index)
            ? index
            : throw new IpDataFormatException(csv.Source, 1, $"the header has no '{column}' column; is this the right GeoLite2 file?");

    private static string Field(List<string> fields, int index) => index >= 0 && index < fields.Count ? fields[index] : string.Empty;

    private static long? GeonameId(CsvRecordReader csv, string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        return long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw csv.Error($"'{IpDataText.Shorten(value)}' is not a geoname id.");
    }

    private static int Detail(IpLocation location) =>
        (location.CountryCode is null ? 0 : 1) + (location.Region is null ? 0 : 1) + (location.City is null ? 0 : 1) + (location.TimeZone is null ? 0 : 1);
}
