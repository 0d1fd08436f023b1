using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Reputation;

namespace RiskFunctions.Domain.Tests.Scoring;

/// <summary>
/// Builds realistic scoring inputs: a tenant population and user histories grown by feeding actions
/// through <see cref="ProfileFeeder"/> exactly as storage does, applied in memory.
/// </summary>
internal sealed class ScoringScenario
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, UserProfile> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<(FeatureKind, string), long> _population = [];
    private readonly Dictionary<FeatureKind, long> _populationTotals = [];
    private long _populationActions;
    private long _populationUsers;
    private int _actionSequence;

    public static ActionFacts HomeLogin(string user, DateTimeOffset at) => new()
    {
        ActionType = "login",
        UserId = user,
        UserIsAuthenticated = true,
        DeviceId = "device-" + user,
        DeviceFingerprint = "fp-" + user,
        Network = new NetworkFacts("81.2.69." + (user.Length + 10), "GB", "AS2856"),
        Client = new ClientFacts(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "desktop", "Windows", "10", "Chrome", "120", IsAutomation: false),
        OccurredAt = at,
    };

    public static ActionFacts TravelLogin(string user, DateTimeOffset at) => HomeLogin(user, at) with
    {
        DeviceId = "device-attacker",
        DeviceFingerprint = "fp-attacker",
        Network = new NetworkFacts("203.0.113.9", "VN", "AS7552"),
        Client = new ClientFacts(
            "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "desktop", "Linux", null, "Firefox", "121", IsAutomation: false),
    };

    /// <summary>Feeds <paramref name="action"/> into its user's profile and the population.</summary>
    public ScoringScenario Feed(ActionFacts action)
    {
        var user = action.UserId ?? throw new ArgumentException("Only a user's action feeds a profile.", nameof(action));
        var profile = Profile(user);
        var update = ProfileFeeder.Plan(profile, FeatureKeys.From(action), "a" + (++_actionSequence), action.OccurredAt);
        _profiles[user] = profile.Apply(update);
        foreach (var (kind, key) in update.Present)
        {
            _population[(kind, key)] = _population.GetValueOrDefault((kind, key)) + 1;
            if (kind.IsRoot())
            {
                _populationTotals[kind] = _populationTotals.GetValueOrDefault(kind) + 1;
            }
        }

        _populationActions++;
        if (update.IsNewUser)
        {
            _populationUsers++;
        }

        return this;
    }

    /// <summary>Feeds <paramref name="count"/> home logins of <paramref name="user"/>, one a day from <see cref="Start"/>.</summary>
    public ScoringScenario History(string user, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Feed(HomeLogin(user, Start.AddDays(i)));
        }

        return this;
    }

    /// <summary>A population of <paramref name="users"/> other users with a few home logins each.</summary>
    public ScoringScenario Crowd(int users, int actionsEach = 3)
    {
        for (var u = 0; u < users; u++)
        {
            var user = "crowd" + u.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < actionsEach; i++)
            {
                Feed(HomeLogin(user, Start.AddHours((u * actionsEach) + i)));
            }
        }

        return this;
    }

    public UserProfile Profile(string user) => _profiles.TryGetValue(user, out var profile) ? profile : UserProfile.Empty(user);

    public ScoringInput Input(ActionFacts action, HistoryCounts history = default, ReputationSnapshot? reputation = null)
    {
        var features = FeatureKeys.From(action);
        var population = new PopulationCounts { TotalActions = _populationActions, TotalUsers = _populationUsers };
        foreach (var kind in FeatureKinds.All)
        {
            if (features[kind] is { } key)
            {
                population.SetValue(kind, _population.GetValueOrDefault((kind, key)));
            }

            population.SetTotal(kind, _populationTotals.GetValueOrDefault(kind));
        }

        var profile = action.UserId is null ? null : Profile(action.UserId);
        return new ScoringInput(action, features, profile, population, history, reputation ?? ReputationSnapshot.Clean);
    }
}
