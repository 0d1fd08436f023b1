namespace RiskFunctions.Storage.Actions;

/// <summary>One action as the index knows it: enough to count, link and label without reading the action.</summary>
/// <param name="ActionToken">The action's token (read the full action with <see cref="ActionRepository"/>).</param>
/// <param name="OccurredAt">When the action happened.</param>
/// <param name="UserId">The action's user, if any.</param>
/// <param name="DeviceId">The action's device id, if any.</param>
/// <param name="Recommendation">The recommendation type returned for the action.</param>
/// <param name="Ip">The action's IP address, if any (rows written before it was indexed have none).</param>
public sealed record IndexedAction(string ActionToken, DateTimeOffset OccurredAt, string? UserId, string? DeviceId, string Recommendation, string? Ip = null);

/// <summary>A page of index results, newest first, and where the next page starts (<c>null</c> at the end).</summary>
public sealed record IndexedActionPage(IReadOnlyList<IndexedAction> Items, string? Continuation);
