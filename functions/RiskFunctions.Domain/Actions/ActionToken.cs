using System.Security.Cryptography;
using System.Text;

namespace RiskFunctions.Domain.Actions;

/// <summary>
/// The token that names a reported action: 64 lower-case hex digits (256 bits), also the action's
/// <c>context.action_id</c>. Only this exact shape is accepted on input, so a token can go into storage
/// keys as it is; anything else is a client mistake (400), never a lookup.
/// </summary>
public static class ActionToken
{
    public const int Length = 64;

    /// <summary>Whether <paramref name="value"/> has the shape of a token.</summary>
    public static bool IsWellFormed(string? value)
    {
        if (value is null || value.Length != Length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The token of a request retried under an idempotency key: the same tenant, operation and key always give
    /// the same token, so a retry after a crash finds the action it already created instead of making another.
    /// </summary>
    public static string ForIdempotencyKey(string tenantId, string operation, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var material = Encoding.UTF8.GetBytes(string.Join('\n', "action-token", tenantId, operation, idempotencyKey));
        return Convert.ToHexStringLower(SHA256.HashData(material));
    }

    /// <summary>The recommendation id of an action: derived from its token, so a replayed answer is identical.</summary>
    public static string RecommendationId(string actionToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actionToken);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("recommendation\n" + actionToken)));
    }
}
