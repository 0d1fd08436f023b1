using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.Serialization;

namespace RiskFunctions.Storage.Tables;

/// <summary>
/// How a plain class implementing <see cref="ITableEntity"/> maps to table properties: every public read-write
/// property of a storable type (string, int, long, double, bool, DateTimeOffset, DateTime, Guid, byte[],
/// BinaryData, enums as their names, and nullable forms), except those marked <see cref="IgnoreDataMemberAttribute"/>.
/// </summary>
internal sealed class TableEntityTypeInfo
{
    private static readonly ConcurrentDictionary<Type, TableEntityTypeInfo> Cache = new();

    private readonly Type _type;
    private readonly PropertyInfo[] _properties;

    private TableEntityTypeInfo(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new NotSupportedException($"Entity type {type.Name} needs a public parameterless constructor.");
        }

        _type = type;
        _properties = [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(IsMapped)];
        foreach (var property in _properties)
        {
            if (!IsStorable(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType))
            {
                throw new NotSupportedException(
                    $"Property {type.Name}.{property.Name} has type {property.PropertyType.Name}, which the Table service cannot store; mark it [IgnoreDataMember].");
            }
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Entity types are application classes kept by their use.")]
    public static TableEntityTypeInfo For(Type type) => Cache.GetOrAdd(type, static t => new TableEntityTypeInfo(t));

    public IEnumerable<KeyValuePair<string, object?>> Read(ITableEntity entity)
    {
        yield return new(TableEntity.PartitionKeyName, entity.PartitionKey);
        yield return new(TableEntity.RowKeyName, entity.RowKey);
        foreach (var property in _properties)
        {
            yield return new(property.Name, property.GetValue(entity));
        }
    }

    public object Create(Dictionary<string, object?> values)
    {
        var entity = Activator.CreateInstance(_type)!;
        foreach (var property in _properties)
        {
            if (values.TryGetValue(property.Name, out var value) && value is not null)
            {
                property.SetValue(entity, Coerce(value, property));
            }
        }

        return entity;
    }

    private static bool IsMapped(PropertyInfo property) =>
        property.CanRead && property.CanWrite &&
        property.GetIndexParameters().Length == 0 &&
        property.GetSetMethod() is not null &&
        property.GetCustomAttribute<IgnoreDataMemberAttribute>() is null &&
        property.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag));

    private static bool IsStorable(Type type) =>
        type.IsEnum || type == typeof(string) || type == typeof(int) || type == typeof(long) || type == typeof(double) ||
        type == typeof(bool) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid) ||
        type == typeof(byte[]) || type == typeof(BinaryData);

    /// <summary>Bridges the wire type to the declared one where the wire cannot tell them apart.</summary>
    private static object Coerce(object value, PropertyInfo property)
    {
        var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return value switch
        {
            _ when target.IsInstanceOfType(value) => value,
            string text when target.IsEnum => Enum.Parse(target, text, ignoreCase: false),
            int number when target == typeof(long) => (long)number,
            int number when target == typeof(double) => (double)number,
            DateTimeOffset instant when target == typeof(DateTime) => instant.UtcDateTime,
            byte[] bytes when target == typeof(BinaryData) => BinaryData.FromBytes(bytes),
            BinaryData data when target == typeof(byte[]) => data.ToArray(),
            _ => throw new InvalidOperationException(
                $"Stored property {property.Name} is a {value.GetType().Name}, which cannot be assigned to {property.DeclaringType?.Name}.{property.Name} ({target.Name})."),
        };
    }
}
