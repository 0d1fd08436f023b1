namespace RiskFunctions.Storage.Tables;

/// <summary>A table of the account, as listed by <see cref="TableServiceClient.QueryTablesAsync"/>.</summary>
/// <param name="Name">The table name.</param>
public sealed record TableItem(string Name);
