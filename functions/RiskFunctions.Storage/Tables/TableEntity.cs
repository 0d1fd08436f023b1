using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Azure;

namespace RiskFunctions.Storage.Tables;

/// <summary>
/// A table entity as a property bag: keys, timestamp and every custom property by name, with typed accessors.
/// Values are <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>,
/// <see cref="DateTimeOffset"/> (or <see cref="DateTime"/>, stored as UTC), <see cref="Guid"/>, <c>byte[]</c> or
/// <see cref="BinaryData"/>; a <c>null</c> value is not sent.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Mirrors Azure.Data.Tables.TableEntity.")]
public sealed class TableEntity : ITableEntity, IDictionary<string, object?>
{
    internal const string PartitionKeyName = "PartitionKey";
    internal const string RowKeyName = "RowKey";
    internal const string TimestampName = "Timestamp";

    private readonly Dictionary<string, object?> _properties;

    /// <summary>Creates an empty entity (keys are empty strings until set).</summary>
    public TableEntity()
        : this(string.Empty, string.Empty)
    {
    }

    /// <summary>Creates an entity with its keys.</summary>
    public TableEntity(string partitionKey, string rowKey)
    {
        _properties = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [PartitionKeyName] = partitionKey,
            [RowKeyName] = rowKey,
        };
    }

    /// <summary>Creates an entity from properties (which may include the keys by their names).</summary>
    public TableEntity(IDictionary<string, object?> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        _properties = new Dictionary<string, object?>(properties, StringComparer.Ordinal);
        _properties.TryAdd(PartitionKeyName, string.Empty);
        _properties.TryAdd(RowKeyName, string.Empty);
    }

    /// <inheritdoc/>
    public string PartitionKey
    {
        get => _properties[PartitionKeyName] as string ?? string.Empty;
        set => _properties[PartitionKeyName] = value;
    }

    /// <inheritdoc/>
    public string RowKey
    {
        get => _properties[RowKeyName] as string ?? string.Empty;
        set => _properties[RowKeyName] = value;
    }

    /// <inheritdoc/>
    public DateTimeOffset? Timestamp
    {
        get => _properties.TryGetValue(TimestampName, out var value) ? value as DateTimeOffset? : null;
        set => _properties[TimestampName] = value;
    }

    /// <inheritdoc/>
    public ETag ETag { get; set; }

    /// <inheritdoc/>
    public int Count => _properties.Count;

    /// <inheritdoc/>
    public ICollection<string> Keys => _properties.Keys;

    /// <inheritdoc/>
    public ICollection<object?> Values => _properties.Values;

    bool ICollection<KeyValuePair<string, object?>>.IsReadOnly => false;

    /// <summary>Gets or sets a property; getting a missing one returns <c>null</c>.</summary>
    public object? this[string key]
    {
        get => _properties.TryGetValue(key, out var value) ? value : null;
        set => _properties[key] = value;
    }

    /// <summary>The string property, or <c>null</c> when absent.</summary>
    public string? GetString(string key) => GetReference<string>(key);

    /// <summary>The Int32 property, or <c>null</c> when absent.</summary>
    public int? GetInt32(string key) => Get<int>(key);

    /// <summary>The Int64 property (an Int32 widens), or <c>null</c> when absent.</summary>
    public long? GetInt64(string key) => this[key] is int narrow ? narrow : Get<long>(key);

    /// <summary>The Double property, or <c>null</c> when absent.</summary>
    public double? GetDouble(string key) => Get<double>(key);

    /// <summary>The Boolean property, or <c>null</c> when absent.</summary>
    public bool? GetBoolean(string key) => Get<bool>(key);

    /// <summary>The DateTime property as a UTC offset, or <c>null</c> when absent.</summary>
    public DateTimeOffset? GetDateTimeOffset(string key) => this[key] switch
    {
        DateTime dateTime => TableValueConvert.ToUtc(dateTime),
        _ => Get<DateTimeOffset>(key),
    };

    /// <summary>The DateTime property as a UTC <see cref="DateTime"/>, or <c>null</c> when absent.</summary>
    public DateTime? GetDateTime(string key) => GetDateTimeOffset(key)?.UtcDateTime;

    /// <summary>The Guid property, or <c>null</c> when absent.</summary>
    public Guid? GetGuid(string key) => Get<Guid>(key);

    /// <summary>The Binary property, or <c>null</c> when absent.</summary>
    public BinaryData? GetBinaryData(string key) => this[key] switch
    {
        byte[] bytes => BinaryData.FromBytes(bytes),
        _ => GetReference<BinaryData>(key),
    };

    /// <summary>The Binary property as bytes, or <c>null</c> when absent.</summary>
    public byte[]? GetBinary(string key) => GetBinaryData(key)?.ToArray();

    /// <inheritdoc/>
    public void Add(string key, object? value) => _properties.Add(key, value);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    /// <inheritdoc/>
    public bool Remove(string key) => _properties.Remove(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out object? value) => _properties.TryGetValue(key, out value);

    /// <inheritdoc/>
    public void Clear() => _properties.Clear();

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) => _properties.Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);

    private T? Get<T>(string key)
        where T : struct =>
        this[key] switch
        {
            null => null,
            T value => value,
            var other => throw new InvalidOperationException(
                $"Property '{key}' holds a {other.GetType().Name}, not a {typeof(T).Name}."),
        };

    private T? GetReference<T>(string key)
        where T : class =>
        this[key] switch
        {
            null => null,
            T value => value,
            var other => throw new InvalidOperationException(
                $"Property '{key}' holds a {other.GetType().Name}, not a {typeof(T).Name}."),
        };
}
