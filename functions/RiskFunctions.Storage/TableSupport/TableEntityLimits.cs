using System.Globalization;
using Azure.Data.Tables;

namespace RiskFunctions.Storage.TableSupport;

/// <summary>
/// The Table service's entity and transaction limits, checked before a request leaves the process so that a bad
/// entity fails with a message naming the culprit instead of a bare 400 (and so Azurite, which checks less, cannot
/// hide one).
/// </summary>
public static class TableEntityLimits
{
    /// <summary>Maximum entity size as the service computes it (UTF-16 strings, fixed-size scalars).</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>Maximum number of custom properties (the service allows 255 including the three system ones).</summary>
    public const int MaxCustomProperties = 252;

    /// <summary>Maximum key length in UTF-16 characters (1 KiB).</summary>
    public const int MaxKeyLength = 512;

    /// <summary>Maximum string property length in UTF-16 characters (64 KiB).</summary>
    public const int MaxStringLength = 32 * 1024;

    /// <summary>Maximum binary property length in bytes (64 KiB).</summary>
    public const int MaxBinaryLength = 64 * 1024;

    /// <summary>Maximum property name length.</summary>
    public const int MaxPropertyNameLength = 255;

    /// <summary>Most actions in one entity group transaction.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>Largest transaction request body.</summary>
    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    private static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Throws <see cref="InvalidTableEntityException"/> if the key is too long or contains a character the
    /// service forbids in keys; encode user values with <see cref="TableKeyEncoder"/> first.
    /// </summary>
    public static void ValidateKey(string? key, string keyName)
    {
        if (key is null)
        {
            throw new InvalidTableEntityException($"{keyName} is required.");
        }

        if (key.Length > MaxKeyLength)
        {
            throw new InvalidTableEntityException(
                $"{keyName} is {key.Length} characters long; the service allows at most {MaxKeyLength}.");
        }

        var index = TableKeyEncoder.IndexOfForbidden(key);
        if (index >= 0)
        {
            throw new InvalidTableEntityException(string.Create(
                CultureInfo.InvariantCulture,
                $"{keyName} contains U+{(int)key[index]:X4} at position {index}, which the service forbids in keys (/ \\ # ? and control characters); encode user values with {nameof(TableKeyEncoder)}."));
        }
    }

    /// <summary>
    /// Throws <see cref="InvalidTableEntityException"/> when the entity breaks a service limit.
    /// </summary>
    /// <returns>The entity's size as the service counts it.</returns>
    public static long Validate(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKey(entity.PartitionKey, nameof(entity.PartitionKey));
        ValidateKey(entity.RowKey, nameof(entity.RowKey));

        // 4 bytes of overhead, keys as UTF-16, then 8 bytes + UTF-16 name + value size per property.
        long size = 4 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2L);
        var custom = 0;
        foreach (var (name, value) in TableEntityProperties.Custom(entity))
        {
            if (value is null)
            {
                continue;
            }

            custom++;
            ValidatePropertyName(name);
            size += 8 + (name.Length * 2L) + ValueSize(name, value);
        }

        if (custom > MaxCustomProperties)
        {
            throw new InvalidTableEntityException(
                $"Entity ({entity.PartitionKey}, {entity.RowKey}) has {custom} properties; the service allows at most {MaxCustomProperties}.");
        }

        if (size > MaxEntityBytes)
        {
            throw new InvalidTableEntityException(string.Create(
                CultureInfo.InvariantCulture,
                $"Entity ({entity.PartitionKey}, {entity.RowKey}) is {size} bytes as the service counts them; the limit is {MaxEntityBytes} (1 MiB)."));
        }

        return size;
    }

    /// <summary>
    /// Throws <see cref="InvalidTableEntityException"/> unless the actions make a valid entity group transaction:
    /// 1 to 100 actions on one PartitionKey, each entity once, every entity valid, at most 4 MiB on the wire.
    /// </summary>
    public static void ValidateTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxTransactionActions)
        {
            throw new InvalidTableEntityException(string.Create(
                CultureInfo.InvariantCulture,
                $"A transaction holds 1 to {MaxTransactionActions} actions; this one has {actions.Count}."));
        }

        var partitionKey = actions[0]?.Entity?.PartitionKey;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // The service counts the multipart body; each part's JSON is at most about 4/3 of the entity (base64) plus headers.
        long wireBytes = 0;
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i]?.Entity ?? throw new InvalidTableEntityException($"Action {i} has no entity.");
            if (!string.Equals(entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new InvalidTableEntityException(
                    $"All actions of a transaction must share one PartitionKey: action {i} has '{entity.PartitionKey}', action 0 has '{partitionKey}'.");
            }

            if (!seen.Add(entity.RowKey ?? string.Empty))
            {
                throw new InvalidTableEntityException(
                    $"Action {i} touches ({entity.PartitionKey}, {entity.RowKey}) again; a transaction may touch each entity once.");
            }

            wireBytes += actions[i].ActionType == TableTransactionActionType.Delete
                ? KeysOnlyPart(entity)
                : 512 + (Validate(entity) * 4 / 3);
        }

        if (wireBytes > MaxTransactionBytes)
        {
            throw new InvalidTableEntityException(string.Create(
                CultureInfo.InvariantCulture,
                $"The transaction is about {wireBytes} bytes on the wire; the service accepts at most {MaxTransactionBytes} (4 MiB). Split it."));
        }
    }

    private static long KeysOnlyPart(ITableEntity entity)
    {
        ValidateKey(entity.PartitionKey, nameof(entity.PartitionKey));
        ValidateKey(entity.RowKey, nameof(entity.RowKey));
        return 512 + (3L * (entity.PartitionKey.Length + entity.RowKey.Length));
    }

    private static void ValidatePropertyName(string name)
    {
        if (name.Length is 0 or > MaxPropertyNameLength)
        {
            throw new InvalidTableEntityException(
                $"Property name '{name}' must be 1 to {MaxPropertyNameLength} characters long.");
        }

        if (name.Contains('@', StringComparison.Ordinal) || name.StartsWith("odata.", StringComparison.Ordinal))
        {
            throw new InvalidTableEntityException($"Property name '{name}' is reserved for OData annotations.");
        }
    }

    private static long ValueSize(string name, object value) => value switch
    {
        string text when text.Length > MaxStringLength => throw new InvalidTableEntityException(
            $"String property '{name}' is {text.Length} characters long; the service allows at most {MaxStringLength} (64 KiB)."),
        string text => 4 + (text.Length * 2L),
        byte[] bytes => BinarySize(name, bytes.Length),
        BinaryData data => BinarySize(name, data.ToMemory().Length),
        int or bool => 4,
        long or double => 8,
        DateTimeOffset dateTimeOffset => DateTimeSize(name, dateTimeOffset),
        DateTime dateTime => DateTimeSize(name, new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc))),
        Guid => 16,
        Enum enumValue => 4 + (enumValue.ToString().Length * 2L),
        _ => throw new InvalidTableEntityException(
            $"Property '{name}' has type {value.GetType().Name}, which the Table service cannot store."),
    };

    private static long BinarySize(string name, int length) => length > MaxBinaryLength
        ? throw new InvalidTableEntityException(
            $"Binary property '{name}' is {length} bytes long; the service allows at most {MaxBinaryLength} (64 KiB).")
        : 4 + length;

    private static long DateTimeSize(string name, DateTimeOffset value) => value < MinDateTime
        ? throw new InvalidTableEntityException($"DateTime property '{name}' is before 1601-01-01, which the service rejects.")
        : 8;
}
