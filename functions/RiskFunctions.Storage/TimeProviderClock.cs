using Microsoft.Extensions.Internal;

namespace RiskFunctions.Storage;

/// <summary>A <see cref="Microsoft.Extensions.Caching.Memory.MemoryCache"/>'s expiry on the injected clock (tests move it).</summary>
internal sealed class TimeProviderClock(TimeProvider time) : ISystemClock
{
    public DateTimeOffset UtcNow => time.GetUtcNow();
}
