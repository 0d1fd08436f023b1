using System.Globalization;

namespace RiskFunctions.Storage.Tables;

/// <summary>The single place where .NET values become Table service literals and back.</summary>
internal static class TableValueConvert
{
    /// <summary>Edm.DateTime is UTC with 100 ns precision; this format keeps all of it.</summary>
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The service rejects DateTime values before this instant.</summary>
    public static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Local times are converted; unspecified ones are taken as UTC (the convention of every value this
    /// codebase produces through <see cref="TimeProvider"/>).
    /// </summary>
    public static DateTimeOffset ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero),
        _ => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero),
    };

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseDateTime(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>Round-trip ("R") text with a decimal point so that the service never reads it as an integer.</summary>
    public static string FormatDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E') < 0 ? text + ".0" : text;
    }

    public static string FormatInt64(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string FormatGuid(Guid value) => value.ToString("D", CultureInfo.InvariantCulture);
}
