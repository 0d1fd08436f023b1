using System.Buffers;

namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>
/// The shape of a tenant id. Tenant ids open every storage PartitionKey, so they are restricted to a
/// small, key-safe alphabet here, at the trust boundary, rather than escaped everywhere later.
/// </summary>
public static class TenantIds
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>Lower-case letters, digits, '-' and '_', 1 to 64 characters, starting with a letter or digit.</summary>
    public static bool IsValid(string? tenantId) =>
        !string.IsNullOrEmpty(tenantId)
        && tenantId.Length <= MaxLength
        && char.IsAsciiLetterOrDigit(tenantId[0])
        && !tenantId.AsSpan().ContainsAnyExcept(Allowed);
}
