using Azure.Data.Tables;

namespace RiskFunctions.Storage;

/// <summary>What the repositories' entity mappers share: optional properties and tolerant reads of rows.</summary>
internal static class EntityMapping
{
    /// <summary>Sets the property only when there is a value, so an absent value is an absent property.</summary>
    public static void SetIfPresent(this TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }

    /// <summary>
    /// The row read with <paramref name="read"/>, or null when it is not readable (a missing or malformed
    /// property), so a scan can skip one bad row instead of stopping at it.
    /// </summary>
    public static T? TryRead<T>(TableEntity entity, Func<TableEntity, T> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read(entity);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or InvalidCastException)
        {
            return null;
        }
    }
}
