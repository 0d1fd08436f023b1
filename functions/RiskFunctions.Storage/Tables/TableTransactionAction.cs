using Azure;

namespace RiskFunctions.Storage.Tables;

/// <summary>One operation of an entity group transaction.</summary>
/// <param name="ActionType">What to do with the entity.</param>
/// <param name="Entity">The entity (only its keys matter for <see cref="TableTransactionActionType.Delete"/>).</param>
/// <param name="ETag">
/// The version the update or delete requires; <c>default</c> means any version (<c>If-Match: *</c>).
/// Ignored for adds and upserts.
/// </param>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, ITableEntity Entity, ETag ETag = default)
{
    /// <summary>Creates an action whose ETag is taken from the entity itself.</summary>
    public static TableTransactionAction WithEntityETag(TableTransactionActionType actionType, ITableEntity entity) =>
        new(actionType, entity, entity.ETag);
}
