using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Functions.Features.Labels;

/// <summary>
/// The <c>Idempotency-Key</c> of the label endpoints (native and dialects): a label posted with one gets an id derived
/// from tenant, origin and key, so a retry after a lost answer finds the label stored first instead of adding a second
/// (which would count twice on the entities' reputation); the retry must carry the same label.
/// </summary>
public static class LabelIdempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    /// <summary>The key the request carries, or null; a malformed one is reported to <paramref name="validation"/>.</summary>
    public static string? Read(HttpRequest request, ValidationResult validation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(validation);
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return null;
        }

        // Lines of a repeated header read as one comma-separated value, as HTTP defines it: a retry sends the same.
        var key = values.ToString();
        validation.Identifier(Header, key, MaxKeyLength);
        return key;
    }

    /// <summary>The id of the label posted with <paramref name="key"/>; a new one without.</summary>
    public static string LabelId(string tenantId, string origin, string? key) =>
        key is null ? LabelIds.New() : LabelIds.ForIdempotencyKey(tenantId, origin, key);

    /// <summary>Whether a retried label says the same as the stored one (its time and id aside).</summary>
    public static bool SameRequest(Label stored, Label retried)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(retried);
        return stored.Type == retried.Type
            && stored.UseCase == retried.UseCase
            && stored.Source == retried.Source
            && stored.Subject.Type == retried.Subject.Type
            && string.Equals(stored.Subject.Value, retried.Subject.Value, StringComparison.Ordinal)
            && stored.Subject.IsCampaignConfirmed == retried.Subject.IsCampaignConfirmed
            && (stored.Subject.Recommendations ?? []).SequenceEqual(retried.Subject.Recommendations ?? []);
    }
}
