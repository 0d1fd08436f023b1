using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Activity;
using RiskFunctions.Storage.Campaigns;

namespace RiskFunctions.Functions.Features.Rings;

/// <summary>
/// Runs campaign detection over a tenant's recent activity and records what it finds: each burst continues a known
/// campaign of the same signature or starts one with a derived id, its new actions go into the action index under the
/// campaign and have the campaign recorded on their action rows (so GET /recommendation shows it), then are marked in
/// the feed, then the campaign row is written. Detection over the same actions gives the
/// same campaigns, so a repeated run only finishes what a stopped one left.
/// </summary>
public sealed class CampaignMaintenance(
    CampaignRepository campaigns,
    ActivityFeed feed,
    ActionIndexRepository index,
    ActionCampaignMarker actions,
    IOptions<RingsOptions> options)
{
    public async Task<int> ProcessAsync(string tenantId, IReadOnlyList<FeedEntry> entries, CancellationToken cancellationToken)
    {
        var settings = options.Value.Campaigns;
        var detected = new CampaignDetector(settings).Detect([.. entries.Select(entry => entry.Record)]);
        if (detected.Count == 0)
        {
            return 0;
        }

        var byToken = entries.ToDictionary(entry => entry.Record.ActionToken, StringComparer.Ordinal);
        var since = detected.Min(campaign => campaign.FirstSeen) - settings.Window - settings.Window;
        var known = (await campaigns.ListSinceAsync(tenantId, since, cancellationToken).ConfigureAwait(false)).ToDictionary(campaign => campaign.CampaignId, StringComparer.Ordinal);
        foreach (var burst in detected)
        {
            var id = CampaignIdentity.Resolve(
                tenantId, burst, known.Values.Select(c => new CampaignIdentity.KnownCampaign(c.CampaignId, c.Signature, c.FirstSeen, c.LastSeen)), settings.Window);
            var fresh = burst.ActionTokens.Where(token => !string.Equals(byToken[token].CampaignId, id, StringComparison.Ordinal)).ToList();
            var members = fresh.Select(token => byToken[token].Record)
                .Select(record => new IndexedAction(record.ActionToken, record.OccurredAt, record.UserId, record.DeviceId, record.Recommendation ?? string.Empty));
            await index.IndexUnderAsync(tenantId, new ActionSubject(ActionSubjectKind.Campaign, id), members, cancellationToken).ConfigureAwait(false);
            // The same actions the index lists; the feed mark after it, so a failed run assigns them again next time.
            await actions.AssignAsync(tenantId, id, burst.Kind, fresh, cancellationToken).ConfigureAwait(false);
            await feed.SetCampaignAsync(tenantId, fresh, id, cancellationToken).ConfigureAwait(false);

            known.TryGetValue(id, out var existing);
            var campaign = new StoredCampaign
            {
                TenantId = tenantId,
                CampaignId = id,
                Kind = burst.Kind,
                Feature = burst.Feature,
                FeatureValue = burst.FeatureValue,
                FirstSeen = existing is null || burst.FirstSeen < existing.FirstSeen ? burst.FirstSeen : existing.FirstSeen,
                LastSeen = existing is null || burst.LastSeen > existing.LastSeen ? burst.LastSeen : existing.LastSeen,
                ActionCount = (existing?.ActionCount ?? 0) + fresh.Count,
                Measures = burst.Measures,
            };
            await campaigns.SaveAsync(campaign, cancellationToken).ConfigureAwait(false);
            known[id] = campaign;
        }

        return detected.Count;
    }
}
