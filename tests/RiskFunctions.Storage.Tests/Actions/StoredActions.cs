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
}
