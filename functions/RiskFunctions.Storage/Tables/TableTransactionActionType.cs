namespace RiskFunctions.Storage.Tables;

/// <summary>The operation a <see cref="TableTransactionAction"/> performs.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails the transaction if the entity exists.</summary>
    Add,

    /// <summary>Merge into an existing entity; fails if it is missing or its ETag does not match.</summary>
    UpdateMerge,

    /// <summary>Replace an existing entity; fails if it is missing or its ETag does not match.</summary>
    UpdateReplace,

    /// <summary>Delete an entity; fails if it is missing or its ETag does not match.</summary>
    Delete,

    /// <summary>Insert or merge.</summary>
    UpsertMerge,

    /// <summary>Insert or replace.</summary>
    UpsertReplace,
}
