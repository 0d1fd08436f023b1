using System.Globalization;
using System.Text;
using Azure;

namespace RiskFunctions.Storage.Models;

/// <summary>A tenant's training lock as taken.</summary>
/// <param name="TenantId">Whose models it guards.</param>
/// <param name="Owner">The process holding it.</param>
/// <param name="Until">When it expires.</param>
/// <param name="ETag">The lock blob's version as written, so only this holder releases it.</param>
public sealed record TrainingLock(string TenantId, string Owner, DateTimeOffset Until, ETag ETag)
{
    /// <summary>The blob's content: <c>until (ISO 8601 UTC)</c>, a space, the owner.</summary>
    internal static BinaryData Content(string owner, DateTimeOffset until) =>
        BinaryData.FromString(until.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) + " " + owner);

    /// <summary>Until when a stored lock holds; <c>null</c> for content that is not a lock (it holds nothing).</summary>
    internal static DateTimeOffset? ReadUntil(BinaryData content)
    {
        var text = Encoding.UTF8.GetString(content.ToMemory().Span);
        var end = text.IndexOf(' ', StringComparison.Ordinal);
        return DateTimeOffset.TryParse(end < 0 ? text : text[..end], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
            ? until
            : null;
    }
}
