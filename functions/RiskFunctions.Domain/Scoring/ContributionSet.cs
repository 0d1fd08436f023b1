using System.Runtime.CompilerServices;

namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// Collects an assessment's terms on the stack; a term names its reason only when it adds enough risk.
/// The finished assessment gets exactly sized arrays, so scoring allocates only what it returns.
/// </summary>
internal ref struct ContributionSet
{
    /// <summary>Room for every term the model can produce for one action.</summary>
    public const int Capacity = 40;

    private readonly double _reasonThreshold;
    private Buffer _items;
    private int _count;

    public ContributionSet(double reasonThreshold)
    {
        _reasonThreshold = reasonThreshold;
        _items = default;
        _count = 0;
        Total = 0;
    }

    public double Total { get; private set; }

    public void Add(ScoreFactor factor, double logOdds, double observed, ReasonCode reason = default)
    {
        if (logOdds == 0 || !double.IsFinite(logOdds))
        {
            return;
        }

        if (_count == Capacity)
        {
            throw new InvalidOperationException("More score terms than the model defines.");
        }

        _items[_count++] = new ScoreContribution(factor, logOdds, observed, logOdds >= _reasonThreshold ? reason : ReasonCode.None);
        Total += logOdds;
    }

    /// <summary>Whether any term names a reason, i.e. something raised the risk noticeably.</summary>
    public readonly bool HasAnyReason
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                if (!_items[i].Reason.IsNone)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public readonly bool Has(ReasonCode reason)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_items[i].Reason == reason)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many profile hierarchies (network, client, device) raised the risk by at least the reason threshold.</summary>
    public readonly int DeviatingHierarchies
    {
        get
        {
            double network = 0, client = 0, device = 0;
            for (var i = 0; i < _count; i++)
            {
                var item = _items[i];
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

    /// <summary>The terms, in the order they were added.</summary>
    public readonly ScoreContribution[] ToArray()
    {
        var items = new ScoreContribution[_count];
        for (var i = 0; i < _count; i++)
        {
            items[i] = _items[i];
        }

        return items;
    }

    /// <summary>The reason codes, strongest term first (ties by code), each once.</summary>
    public readonly ReasonCode[] Reasons()
    {
        Span<int> order = stackalloc int[Capacity];
        var named = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_items[i].Reason.IsNone)
            {
                continue;
            }

            // Insertion sort: a handful of items, and no delegate or temporary list.
            var position = named++;
            while (position > 0 && Before(_items[i], _items[order[position - 1]]))
            {
                order[position] = order[position - 1];
                position--;
            }

            order[position] = i;
        }

        if (named == 0)
        {
            return [];
        }

        Span<int> distinct = stackalloc int[named];
        var count = 0;
        for (var i = 0; i < named; i++)
        {
            var reason = _items[order[i]].Reason;
            var seen = false;
            for (var j = 0; j < count && !seen; j++)
            {
                seen = _items[distinct[j]].Reason == reason;
            }

            if (!seen)
            {
                distinct[count++] = order[i];
            }
        }

        var reasons = new ReasonCode[count];
        for (var i = 0; i < count; i++)
        {
            reasons[i] = _items[distinct[i]].Reason;
        }

        return reasons;
    }

    private static bool Before(in ScoreContribution a, in ScoreContribution b)
    {
        var byWeight = b.LogOdds.CompareTo(a.LogOdds);
        return byWeight != 0 ? byWeight < 0 : string.CompareOrdinal(a.Reason.Value, b.Reason.Value) < 0;
    }

    [InlineArray(Capacity)]
    private struct Buffer
    {
        private ScoreContribution _element;
    }
}
