using System.Collections.Concurrent;
using System.Reflection;
using Azure.Data.Tables;

namespace RiskFunctions.Storage.TableSupport;

/// <summary>The custom (non-system) properties of an entity, for <see cref="TableEntityLimits"/>.</summary>
internal static class TableEntityProperties
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> TypedProperties = new();

    public static IEnumerable<KeyValuePair<string, object?>> Custom(ITableEntity entity) => entity is TableEntity bag
        ? bag.Where(property => !IsSystem(property.Key))
        : TypedProperties.GetOrAdd(entity.GetType(), Readable)
            .Select(property => new KeyValuePair<string, object?>(property.Name, property.GetValue(entity)));

    private static bool IsSystem(string name) =>
        name is nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag)
        || name.StartsWith("odata.", StringComparison.Ordinal);

    private static PropertyInfo[] Readable(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanRead && property.GetIndexParameters().Length == 0 && !IsSystem(property.Name))];
}
