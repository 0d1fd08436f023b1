using System.Globalization;
using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Benchmarks.Quality;

/// <summary>Reads the AWS Fraud Detector sample files (see <c>data/aws-afd/README.md</c> in the shared data).</summary>
internal static class AfdDataset
{
    public const string Registrations20K = "registration_data_20K_minimum.csv";
    public const string Registrations2K = "registration_data_2K_coldstart.csv";
    public const string Transactions2K = "transaction_data_2K_coldstart.csv";

    /// <summary>Every event of the three files, in the order they happened.</summary>
    public static IReadOnlyList<ReplayEvent> Load(string directory)
    {
        var events = new List<ReplayEvent>();
        events.AddRange(Read(directory, Registrations20K, (row, field) => Registration(Registrations20K, row, field)));
        events.AddRange(Read(directory, Registrations2K, (row, field) => Registration(Registrations2K, row, field)));
        events.AddRange(Read(directory, Transactions2K, Transaction));
        return [.. events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Dataset, StringComparer.Ordinal).ThenBy(e => e.Row)];
    }

    private static ReplayEvent Registration(string dataset, int row, Func<string, string?> field) => new(
        dataset,
        row,
        Timestamp(field("EVENT_TIMESTAMP")!),
        field("email_address")!,
        field("ip_address")!,
        Blank(field("user_agent")),
        field("EVENT_LABEL") switch { "fraud" => true, "legit" => false, _ => null },
        null,
        null);

    private static ReplayEvent Transaction(int row, Func<string, string?> field)
    {
        var label = field("EVENT_LABEL") switch { "1" => true, "0" => false, _ => (bool?)null };
        var currency = field("payment_currency");
        var bin = field("card_bin");
        return new(
            Transactions2K,
            row,
            Timestamp(field("EVENT_TIMESTAMP")!),
            field("ENTITY_ID")!,
            field("ip_address")!,
            Blank(field("user_agent")),
            label,
            label is null ? null : Timestamp(field("LABEL_TIMESTAMP")!),
            new TransactionFacts(
                decimal.Parse(field("order_price")!, NumberStyles.Number, CultureInfo.InvariantCulture),
                // The synthetic data uses withdrawn codes (ZWD, ...); a client would not send those.
                IsoCurrencyCodes.IsValid(currency) ? currency : null,
                bin is { Length: >= 6 and <= 8 } && bin.All(char.IsAsciiDigit) ? bin : null));
    }

    private static IEnumerable<ReplayEvent> Read(string directory, string file, Func<int, Func<string, string?>, ReplayEvent> map)
    {
        using var reader = File.OpenText(Path.Combine(directory, file));
        var csv = new CsvRecordReader(reader, file);
        var fields = new List<string>();
        if (!csv.TryRead(fields))
        {
            yield break;
        }

        var header = fields.Select((name, index) => (name, index)).ToDictionary(x => x.name, x => x.index, StringComparer.Ordinal);
        var row = 0;
        while (csv.TryRead(fields))
        {
            row++;
            var values = fields.ToArray();
            yield return map(row, name => header.TryGetValue(name, out var i) && i < values.Length ? values[i] : null);
        }
    }

    private static DateTimeOffset Timestamp(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
