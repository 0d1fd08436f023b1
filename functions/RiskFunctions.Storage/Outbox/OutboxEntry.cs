namespace RiskFunctions.Storage.Outbox;

/// <summary>An item whose work is not finished: the tenant, its id, and when it entered the outbox.</summary>
internal sealed record OutboxEntry(string TenantId, string ItemId, DateTimeOffset AddedAt);
