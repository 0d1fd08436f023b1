using Azure;

namespace RiskFunctions.Storage.Tables;

/// <summary>Turns entities into the property bag that goes on the wire and back.</summary>
internal static class TableEntityProperties
{
    internal const string ETagName = "odata.etag";

    public static bool IsSystemProperty(string name) =>
        name is TableEntity.PartitionKeyName or TableEntity.RowKeyName or TableEntity.TimestampName or ETagName;

    /// <summary>Every property to send, keys included.</summary>
    public static IEnumerable<KeyValuePair<string, object?>> FromEntity(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity is TableEntity bag ? bag : TableEntityTypeInfo.For(entity.GetType()).Read(entity);
    }

    /// <summary>Materializes an entity of type <typeparamref name="T"/> from the properties read from the wire.</summary>
    public static T ToEntity<T>(Dictionary<string, object?> properties, ETag etag)
        where T : class, ITableEntity
    {
        if (typeof(T) == typeof(TableEntity))
        {
            var bag = new TableEntity(properties) { ETag = etag };
            return (T)(ITableEntity)bag;
        }

        var entity = (T)TableEntityTypeInfo.For(typeof(T)).Create(properties);
        entity.PartitionKey = properties.GetValueOrDefault(TableEntity.PartitionKeyName) as string ?? string.Empty;
        entity.RowKey = properties.GetValueOrDefault(TableEntity.RowKeyName) as string ?? string.Empty;
        entity.Timestamp = properties.GetValueOrDefault(TableEntity.TimestampName) as DateTimeOffset?;
        entity.ETag = etag;
        return entity;
    }
}
