using RiskFunctions.Domain.Activity;

namespace RiskFunctions.Domain.Campaigns;

/// <summary>
/// Finds campaigns in a window of recent actions. For each kind, the suspicious actions (failed logins, registrations,
/// small payments with a card) are grouped by each feature the kind is grouped by; a group's dense stretches (enough
/// suspicious actions within <see cref="CampaignDetectionOptions.Window"/> of each other) that also pass the kind's
/// test (distinct users, failure ratio, distinct cards) are campaigns, and every action of the group in that span is
/// a member. An action belongs to one campaign at most: the largest claims it first. Pure and deterministic.
/// </summary>
public sealed class CampaignDetector(CampaignDetectionOptions options)
{
    private const string Failure = "failure";

    public IReadOnlyList<DetectedCampaign> Detect(IReadOnlyCollection<ActivityRecord> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var ordered = actions
            .OrderBy(action => action.OccurredAt)
            .ThenBy(action => action.ActionToken, StringComparer.Ordinal)
            .ToList();
        var candidates = new List<DetectedCampaign>();
        foreach (var kind in CampaignKinds.All)
        {
            var covered = ordered.Where(action => kind.Covers(action.ActionType)).ToList();
            foreach (var feature in CampaignFeatures.GroupingFor(kind))
            {
                foreach (var group in covered.Where(action => feature.ValueOf(action) is not null).GroupBy(action => feature.ValueOf(action)!, StringComparer.Ordinal))
                {
                    candidates.AddRange(Bursts(kind, feature, group.Key, [.. group]));
                }
            }
        }

        return Claim(candidates);
    }

    /// <summary>Whether an action counts toward starting a campaign of <paramref name="kind"/>.</summary>
    private bool IsSuspicious(CampaignKind kind, ActivityRecord action) => kind switch
    {
        CampaignKind.CredentialStuffing => string.Equals(action.Result, Failure, StringComparison.OrdinalIgnoreCase),
        CampaignKind.BotRegistration => action.UserId is not null,
        CampaignKind.CardTesting => action.Card is not null && action.Amount is { } amount && amount <= options.SmallAmount,
        _ => false,
    };

    private int MinBurst(CampaignKind kind) => kind switch
    {
        CampaignKind.CredentialStuffing => options.MinFailedLogins,
        CampaignKind.BotRegistration => options.MinRegistrations,
        _ => options.MinCardTests,
    };

    private IEnumerable<DetectedCampaign> Bursts(CampaignKind kind, CampaignFeature feature, string value, List<ActivityRecord> group)
    {
        var suspicious = group.Where(action => IsSuspicious(kind, action)).ToList();
        var minBurst = MinBurst(kind);
        if (suspicious.Count < minBurst)
        {
            yield break;
        }

        foreach (var (start, end) in DenseSpans(suspicious, minBurst))
        {
            var inSpan = group.Where(action => action.OccurredAt >= start && action.OccurredAt <= end).ToList();
            var suspiciousInSpan = inSpan.Where(action => IsSuspicious(kind, action)).ToList();
            if (Measure(kind, inSpan, suspiciousInSpan) is { } measures)
            {
                yield return new DetectedCampaign(kind, feature, value, [.. inSpan.Select(action => action.ActionToken)], start, end, measures);
            }
        }
    }

    /// <summary>
    /// The spans where suspicious actions are dense: every action that has <paramref name="minBurst"/> suspicious
    /// actions within one window starting at it is marked, and marked actions closer than a window form one span.
    /// </summary>
    private List<(DateTimeOffset Start, DateTimeOffset End)> DenseSpans(List<ActivityRecord> suspicious, int minBurst)
    {
        var spans = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        var covered = new bool[suspicious.Count];
        var end = 0;
        for (var i = 0; i < suspicious.Count; i++)
        {
            end = Math.Max(end, i);
            while (end + 1 < suspicious.Count && suspicious[end + 1].OccurredAt - suspicious[i].OccurredAt <= options.Window)
            {
                end++;
            }

            if (end - i + 1 >= minBurst)
            {
                for (var j = i; j <= end; j++)
                {
                    covered[j] = true;
                }
            }
        }

        for (var i = 0; i < suspicious.Count; i++)
        {
            if (!covered[i])
            {
                continue;
            }

            var at = suspicious[i].OccurredAt;
            if (spans.Count > 0 && at - spans[^1].End <= options.Window)
            {
                spans[^1] = (spans[^1].Start, at);
            }
            else
            {
                spans.Add((at, at));
            }
        }

        return spans;
    }

    private Dictionary<string, double>? Measure(CampaignKind kind, List<ActivityRecord> inSpan, List<ActivityRecord> suspicious)
    {
        var users = suspicious.Select(action => action.UserId).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        var measures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["actions"] = inSpan.Count,
            ["suspicious_actions"] = suspicious.Count,
            ["distinct_users"] = users,
        };
        switch (kind)
        {
            case CampaignKind.CredentialStuffing:
                var withResult = inSpan.Count(action => action.Result is not null);
                var ratio = withResult == 0 ? 0 : (double)suspicious.Count / withResult;
                measures["failure_ratio"] = Math.Round(ratio, 3);
                return users >= options.MinStuffedUsers && ratio >= options.MinFailureRatio ? measures : null;
            case CampaignKind.BotRegistration:
                return users >= options.MinRegistrations ? measures : null;
            case CampaignKind.CardTesting:
                var cards = suspicious.Select(action => action.Card).Distinct(StringComparer.Ordinal).Count();
                measures["distinct_cards"] = cards;
                measures["distinct_devices"] = inSpan.Select(action => action.DeviceId).OfType<string>().Distinct(StringComparer.Ordinal).Count();
                return cards >= options.MinTestedCards ? measures : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The most specific grouping first (one fingerprint says more than one client family), then the largest; each
    /// action to one campaign, and a candidate left without enough actions is dropped.
    /// </summary>
    private List<DetectedCampaign> Claim(List<DetectedCampaign> candidates)
    {
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var campaigns = new List<DetectedCampaign>();
        foreach (var candidate in candidates
            .OrderBy(candidate => candidate.Kind)
            .ThenBy(candidate => Specificity(candidate))
            .ThenByDescending(candidate => candidate.Measures["suspicious_actions"])
            .ThenBy(candidate => candidate.FeatureValue, StringComparer.Ordinal)
            .ThenBy(candidate => candidate.FirstSeen))
        {
            var free = candidate.ActionTokens.Where(token => !claimed.Contains(token)).ToList();
            if (free.Count < MinBurst(candidate.Kind))
            {
                continue;
            }

            claimed.UnionWith(free);
            campaigns.Add(candidate with { ActionTokens = free });
        }

        return campaigns;
    }

    private static int Specificity(DetectedCampaign candidate)
    {
        var grouping = CampaignFeatures.GroupingFor(candidate.Kind);
        for (var i = 0; i < grouping.Count; i++)
        {
            if (grouping[i] == candidate.Feature)
            {
                return i;
            }
        }

        return grouping.Count;
    }
}
