using Azure;

namespace RiskFunctions.Storage.Outbox;

/// <summary>
/// An item whose work is not finished: the tenant, its id, when it last entered the outbox, and the entry's version
/// (what the relay removes it at, so a newer owing write's entry stays).
/// </summary>
internal sealed record OutboxEntry(string TenantId, string ItemId, DateTimeOffset AddedAt, ETag ETag);
