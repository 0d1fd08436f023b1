using System.Globalization;
using System.Text;

namespace RiskFunctions.Storage.TableSupport;

/// <summary>
/// Builds OData <c>$filter</c> expressions in which every value is a typed, escaped literal, so user input cannot
/// change the shape of a query (the Table service's injection surface).
/// </summary>
/// <example><code>TableFilter.Create($"PartitionKey eq {tenant} and RowKey ge {from}")</code></example>
public static class TableFilter
{
    /// <summary>
    /// Formats an interpolated filter, turning each hole into a literal: strings quoted with <c>'</c> doubled,
    /// <c>long</c> as <c>123L</c>, doubles with a decimal point, <c>datetime'…'</c>, <c>guid'…'</c>, <c>X'…'</c> for
    /// bytes, <c>true/false</c>, enums as their quoted names. <c>null</c> and other types are rejected.
    /// </summary>
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var arguments = filter.GetArguments();
        var literals = new object[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            literals[i] = Literal(arguments[i]);
        }

        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    /// <summary>The OData literal for one value, as <see cref="Create"/> writes it.</summary>
    public static string Literal(object? value) => value switch
    {
        null => throw new ArgumentException("The Table service cannot compare with null; leave the condition out instead.", nameof(value)),
        string text => Quote(text),
        char character => Quote(character.ToString()),
        int or short or byte or sbyte or ushort => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        uint number => FormatInt64(number),
        long number => FormatInt64(number),
        double number => FormatDouble(number),
        float number => FormatDouble(number),
        bool flag => flag ? "true" : "false",
        DateTimeOffset instant => $"datetime'{FormatDateTime(instant)}'",
        DateTime instant => $"datetime'{FormatDateTime(ToUtc(instant))}'",
        Guid id => $"guid'{id.ToString("D", CultureInfo.InvariantCulture)}'",
        byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
        BinaryData data => $"X'{Convert.ToHexStringLower(data.ToMemory().Span)}'",
        Enum enumValue => Quote(enumValue.ToString()),
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be used as a table filter value.", nameof(value)),
    };

    /// <summary>
    /// <c>(P ge 'prefix' and P lt 'prefiy')</c>: every string value of <paramref name="propertyName"/> that starts with
    /// <paramref name="prefix"/> (ordinal). An empty prefix matches every value.
    /// </summary>
    public static string PrefixRange(string propertyName, string prefix)
    {
        ValidatePropertyName(propertyName);
        ArgumentNullException.ThrowIfNull(prefix);
        var upper = PrefixUpperBound(prefix);
        return upper is null
            ? $"{propertyName} ge {Quote(prefix)}"
            : $"({propertyName} ge {Quote(prefix)} and {propertyName} lt {Quote(upper)})";
    }

    /// <summary>Joins conditions with <c>and</c>, each parenthesized.</summary>
    public static string And(params ReadOnlySpan<string> conditions) => Combine("and", conditions);

    /// <summary>Joins conditions with <c>or</c>, each parenthesized.</summary>
    public static string Or(params ReadOnlySpan<string> conditions) => Combine("or", conditions);

    /// <summary>The smallest string greater than every string starting with <paramref name="prefix"/>, or null if none.</summary>
    internal static string? PrefixUpperBound(string prefix)
    {
        var end = prefix.Length;
        while (end > 0 && prefix[end - 1] == char.MaxValue)
        {
            end--;
        }

        return end == 0 ? null : string.Concat(prefix.AsSpan(0, end - 1), [(char)(prefix[end - 1] + 1)]);
    }

    private static string Combine(string op, ReadOnlySpan<string> conditions)
    {
        if (conditions.IsEmpty)
        {
            throw new ArgumentException("At least one condition is required.", nameof(conditions));
        }

        var builder = new StringBuilder();
        foreach (var condition in conditions)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(condition, nameof(conditions));
            builder.Append(builder.Length == 0 ? "(" : $" {op} (").Append(condition).Append(')');
        }

        return builder.ToString();
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string FormatInt64(long number) => number.ToString(CultureInfo.InvariantCulture) + "L";

    private static string FormatDouble(double number)
    {
        if (!double.IsFinite(number))
        {
            throw new ArgumentException("NaN and infinities cannot be compared in a table filter.", nameof(number));
        }

        var text = number.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E') < 0 ? text + ".0" : text;
    }

    /// <summary>UTC with seven fractional digits, the precision the service stores.</summary>
    private static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ToUtc(DateTime value) => value.Kind == DateTimeKind.Local
        ? new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero)
        : new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);

    private static void ValidatePropertyName(string propertyName)
    {
        ArgumentException.ThrowIfNullOrEmpty(propertyName);
        if (char.IsAsciiDigit(propertyName[0]) || !propertyName.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{propertyName}' is not a valid property name.", nameof(propertyName));
        }
    }
}
