namespace RiskFunctions.Storage.Tables;

/// <summary>How an update or upsert treats properties that the stored entity has and the sent one lacks.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep the stored properties that were not sent (<c>MERGE</c>).</summary>
    Merge,

    /// <summary>Replace the stored entity entirely (<c>PUT</c>).</summary>
    Replace,
}
