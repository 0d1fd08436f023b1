namespace RiskFunctions.Domain.Scoring;

/// <summary>Collects an assessment's terms; a term names its reason only when it adds enough risk.</summary>
internal sealed class ContributionSet
{
    private readonly List<ScoreContribution> _items = new(16);
    private readonly double _reasonThreshold;

    public ContributionSet(double reasonThreshold) => _reasonThreshold = reasonThreshold;

    public List<ScoreContribution> Items => _items;

    public double Total { get; private set; }

    /// <summary>How many profile hierarchies (network, client, device) raised the risk by at least the reason threshold.</summary>
    public int DeviatingHierarchies
    {
        get
        {
            double network = 0, client = 0, device = 0;
            foreach (var item in _items)
            {
                switch (item.Factor)
                {
                    case ScoreFactor.ProfileCountry or ScoreFactor.ProfileAsn or ScoreFactor.ProfileIp:
                        network += item.LogOdds;
                        break;
                    case ScoreFactor.ProfilePlatform or ScoreFactor.ProfileOs or ScoreFactor.ProfileBrowser or ScoreFactor.ProfileUserAgent:
                        client += item.LogOdds;
                        break;
                    case ScoreFactor.ProfileDevice:
                        device += item.LogOdds;
                        break;
                }
            }

            return (network >= _reasonThreshold ? 1 : 0) + (client >= _reasonThreshold ? 1 : 0) + (device >= _reasonThreshold ? 1 : 0);
        }
    }

    public void Add(ScoreFactor factor, double logOdds, double observed, ReasonCode? reason = null)
    {
        if (logOdds == 0 || !double.IsFinite(logOdds))
        {
            return;
        }

        _items.Add(new ScoreContribution(factor, logOdds, observed, logOdds >= _reasonThreshold ? reason : null));
        Total += logOdds;
    }

    /// <summary>Whether any term names a reason, i.e. something raised the risk noticeably.</summary>
    public bool HasAnyReason
    {
        get
        {
            foreach (var item in _items)
            {
                if (item.Reason is not null)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public bool Has(ReasonCode reason)
    {
        foreach (var item in _items)
        {
            if (item.Reason == reason)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The reason codes, strongest term first, each once.</summary>
    public IReadOnlyList<ReasonCode> Reasons()
    {
        var ordered = new List<ScoreContribution>(_items.Count);
        foreach (var item in _items)
        {
            if (item.Reason is not null)
            {
                ordered.Add(item);
            }
        }

        ordered.Sort(static (a, b) =>
        {
            var byWeight = b.LogOdds.CompareTo(a.LogOdds);
            return byWeight != 0 ? byWeight : string.CompareOrdinal(a.Reason!.Value.Value, b.Reason!.Value.Value);
        });

        var reasons = new List<ReasonCode>(ordered.Count);
        foreach (var item in ordered)
        {
            var reason = item.Reason!.Value;
            if (!reasons.Contains(reason))
            {
                reasons.Add(reason);
            }
        }

        return reasons;
    }
}
