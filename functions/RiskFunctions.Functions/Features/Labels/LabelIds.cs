using System.Security.Cryptography;
using System.Text;

namespace RiskFunctions.Functions.Features.Labels;

/// <summary>
/// Label ids: 32 lower-case hex digits. A new label gets a time-ordered random id; a label posted with an
/// <c>Idempotency-Key</c> gets one derived from the tenant and the key, so a retry finds the label it created.
/// </summary>
public static class LabelIds
{
    public const int Length = 32;

    public static string New() => Guid.CreateVersion7().ToString("N");

    public static string ForIdempotencyKey(string tenantId, string origin, string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', "label-id", tenantId, origin, idempotencyKey))).AsSpan(0, Length / 2));

    public static bool IsWellFormed(string? value) =>
        value is { Length: Length } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
