using System.Text;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Storage.Actions;

namespace RiskFunctions.Storage.Tests.Actions;

internal static class StoredActions
{
    public static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static int _sequence;

    public static string NewToken() => ActionToken.ForIdempotencyKey("tests", "token", Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid());

    public static StoredAction Create(string tenant = "tenant-a", DateTimeOffset? at = null, string? user = "user-1", string? device = "device-1", string? ip = "192.0.2.10") => new()
    {
        TenantId = tenant,
        ActionToken = NewToken(),
        ActionType = "login",
        OccurredAt = at ?? At,
        UserId = user,
        DeviceId = device,
        Ip = ip,
        Recommendation = "ALLOW",
        RecommendationDocument = Encoding.UTF8.GetBytes("{\"id\":\"x\"}"),
    };

    /// <summary>
    /// Stores <paramref name="count"/> actions of <paramref name="tenant"/>; with <paramref name="prefix"/>, their
    /// tokens start with it, so they share an actions partition. Returns the tokens, sorted.
    /// </summary>
    public static async Task<string[]> AddManyAsync(ActionRepository actions, string tenant, int count, string? prefix = null)
    {
        var tokens = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), async (i, cancellationToken) =>
        {
            var token = NewToken();
            tokens[i] = prefix is null ? token : prefix + token[prefix.Length..];
            Assert.True(await actions.TryAddAsync(Create(tenant) with { ActionToken = tokens[i] }, cancellationToken));
        });
        Array.Sort(tokens, StringComparer.Ordinal);
        return tokens;
    }
}
