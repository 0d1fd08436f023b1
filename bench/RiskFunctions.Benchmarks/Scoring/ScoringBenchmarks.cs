using RiskFunctions.Domain.Actions;
using BenchmarkDotNet.Attributes;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Enrichment;
using RiskFunctions.Domain.Enrichment.UserAgents;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Functions.Features.Actions;

namespace RiskFunctions.Benchmarks.Scoring;

/// <summary>
/// Scoring one action in memory, as trigger-action does once storage has answered: IP canonicalization,
/// enrichment (user agent, IP intelligence), mapping to facts, feature keys, the model. Storage reads and
/// writes are excluded; the profile and population are prepared once.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private const string HomeIp = "192.0.2.44";
    private const string AwayIp = "203.0.113.200";
    private const string HomeAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private const string AwayAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private ActionEnricher _enricher = null!;
    private RiskScorer _scorer = null!;
    private UserProfile _profile = null!;
    private PopulationCounts _homePopulation = null!;
    private PopulationCounts _awayPopulation = null!;
    private TriggerActionRequest _homeLogin = null!;
    private TriggerActionRequest _awayLogin = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        _enricher = new ActionEnricher(new UserAgentParser(), SampleIpIntelligence.Load());
        _scorer = new RiskScorer(new ScoringModelOptions());
        _homeLogin = Request(HomeIp, HomeAgent, "device-alice", tor: false);
        _awayLogin = Request(AwayIp, AwayAgent, "device-unknown", tor: true);

        // Twenty daily logins of the user from home; the tenant's other users add population counts.
        var profile = UserProfile.Empty("alice");
        for (var i = 0; i < 20; i++)
        {
            var at = Start.AddDays(i);
            var update = ProfileFeeder.Plan(profile, FeatureKeys.From(Facts(_homeLogin, at)), "a" + i, at);
            profile = profile.Apply(update);
        }

        _profile = profile;
        _now = Start.AddDays(30);
        _homePopulation = Population(Facts(_homeLogin, _now));
        _awayPopulation = Population(Facts(_awayLogin, _now));
    }

    /// <summary>A returning user on the usual device and network: the common case.</summary>
    [Benchmark(Baseline = true)]
    public RiskAssessment KnownUserAtHome() => Score(_homeLogin, _homePopulation, new HistoryCounts(1, 1, 1, 1, 1, 1, 1));

    /// <summary>A takeover attempt: new device, browser and country over Tor, with velocity.</summary>
    [Benchmark]
    public RiskAssessment TakeoverAttempt() => Score(_awayLogin, _awayPopulation, new HistoryCounts(40, 8, 30, 25, 18, 6, 3));

    private RiskAssessment Score(TriggerActionRequest request, PopulationCounts population, HistoryCounts history)
    {
        var context = request.Context!;
        var ip = TriggerActionValidator.CanonicalIp(context.Ip);
        var enrichment = _enricher.Enrich(ip, context.UserAgent);
        var facts = ActionFactsMapper.Map(request, enrichment, ip, _now);
        var features = FeatureKeys.From(facts);
        return _scorer.Score(new ScoringInput(facts, features, _profile, population, history, ReputationSnapshot.Clean), ScoreBands.Default);
    }

    private ActionFacts Facts(TriggerActionRequest request, DateTimeOffset at)
    {
        var context = request.Context!;
        return ActionFactsMapper.Map(request, _enricher.Enrich(context.Ip, context.UserAgent), context.Ip, at);
    }

    private PopulationCounts Population(ActionFacts facts)
    {
        var features = FeatureKeys.From(facts);
        var population = new PopulationCounts { TotalActions = 50_000, TotalUsers = 4_000 };
        foreach (var kind in FeatureKinds.All)
        {
            population.SetTotal(kind, 50_000);
            if (features[kind] is not null)
            {
                population.SetValue(kind, kind is FeatureKind.Country or FeatureKind.Platform ? 30_000 : 400);
            }
        }

        return population;
    }

    private static TriggerActionRequest Request(string ip, string userAgent, string deviceId, bool tor) => new()
    {
        ActionType = ActionTypes.Login,
        UserId = "alice",
        Context = new TriggerActionContext
        {
            Ip = ip,
            UserAgent = userAgent,
            DeviceId = deviceId,
            DeviceFingerprint = "fp-" + deviceId,
        },
        RiskSignals = new ClientRiskSignals
        {
            Network = new NetworkSignals { Tor = tor },
            Behavior = new BehaviorSignals { NoUserInteraction = false, StraightLineRatio = 0.2 },
        },
    };
}
