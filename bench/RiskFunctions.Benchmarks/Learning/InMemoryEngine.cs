using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Learning;
using RiskFunctions.Domain.Scoring.Reputation;

namespace RiskFunctions.Benchmarks.Learning;

/// <summary>
/// The engine's state kept in memory for offline replays: profiles fed through <see cref="ProfileFeeder"/>,
/// tenant population counts, the action index behind the velocity and linking counts, and the reputation
/// labels set (on the labeled action's user, device and IP, as action labels propagate). Every action is
/// scored from the state as it was when the action arrived, then recorded as a successful action.
/// </summary>
internal sealed class InMemoryEngine
{
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Half-life of a label reached through a shared address or device.</summary>
    private static readonly TimeSpan LinkHalfLife = TimeSpan.FromDays(30);

    private readonly Dictionary<string, UserProfile> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<(FeatureKind, string), long> _population = [];
    private readonly long[] _populationTotals = new long[FeatureKinds.Count];
    private readonly Dictionary<string, List<Seen>> _byIp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Seen>> _byUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Seen>> _byDevice = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _deviceUsers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _userDevices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _ipUsers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _firstSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntityReputation> _userReputation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntityReputation> _deviceReputation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntityReputation> _ipReputation = new(StringComparer.Ordinal);
    private long _actions;
    private long _users;
    private int _sequence;

    /// <summary>The scoring input for <paramref name="action"/> as the engine would read it on arrival.</summary>
    public ScoringInput Read(ActionFacts action)
    {
        var features = FeatureKeys.From(action);
        var population = new PopulationCounts { TotalActions = _actions, TotalUsers = _users };
        foreach (var kind in FeatureKinds.All)
        {
            if (features[kind] is { } key)
            {
                population.SetValue(kind, _population.GetValueOrDefault((kind, key)));
            }

            population.SetTotal(kind, _populationTotals[(int)kind]);
        }

        var user = action.UserId;
        var ip = action.Network.Ip;
        var device = action.DeviceId;
        var at = action.OccurredAt;
        var ipHour = Window(_byIp, ip, at - Hour, at);
        var history = new HistoryCounts(
            IpActionRate60Sec: ipHour.Count(s => s.At >= at - Minute),
            UserActionRate60Sec: Window(_byUser, user, at - Minute, at).Count,
            DeviceActionRate60Sec: Window(_byDevice, device, at - Minute, at).Count,
            IpUserCountLastHour: ipHour.Select(s => s.User).OfType<string>().Distinct(StringComparer.Ordinal).Count(),
            IpDeviceCountLastHour: ipHour.Select(s => s.Device).OfType<string>().Distinct(StringComparer.Ordinal).Count(),
            LinkingDeviceToUsersCount: device is null ? 0 : Linked(_deviceUsers, device, user),
            LinkingUserToDeviceCount: user is null ? 0 : Linked(_userDevices, user, device));

        var second = Truncate(at);
        var learning = new LearningSignals(
            SameSecondIpActions: SameSecond(_byIp, ip, second),
            SameSecondUserActions: SameSecond(_byUser, user, second),
            SameSecondDeviceActions: SameSecond(_byDevice, device, second),
            NewAccountsOnIpLastHour: NewAccounts(_byIp, ip, at),
            NewAccountsOnDeviceLastHour: NewAccounts(_byDevice, device, at),
            LinkedFraudOnIp: LinkedFraud(ip is null ? null : _ipUsers.GetValueOrDefault(ip), user, at),
            LinkedFraudOnDevice: LinkedFraud(device is null ? null : _deviceUsers.GetValueOrDefault(device), user, at));

        var reputation = new ReputationSnapshot
        {
            User = Reputation(_userReputation, user),
            Device = Reputation(_deviceReputation, device),
            Ip = Reputation(_ipReputation, ip),
        };
        var profile = user is null ? null : _profiles.GetValueOrDefault(user) ?? UserProfile.Empty(user);
        return new ScoringInput(action, features, profile, population, history, reputation, learning);
    }

    /// <summary>Records <paramref name="action"/> as a successful action: index, links and the user's profile.</summary>
    public void Record(ActionFacts action)
    {
        var seen = new Seen(action.OccurredAt, action.UserId, action.DeviceId);
        Add(_byIp, action.Network.Ip, seen);
        Add(_byUser, action.UserId, seen);
        Add(_byDevice, action.DeviceId, seen);
        if (action.UserId is { } user)
        {
            _firstSeen.TryAdd(user, action.OccurredAt);
            if (action.DeviceId is { } device)
            {
                Link(_deviceUsers, device, user);
                Link(_userDevices, user, device);
            }

            if (action.Network.Ip is { } ip)
            {
                Link(_ipUsers, ip, user);
            }

            var profile = _profiles.GetValueOrDefault(user) ?? UserProfile.Empty(user);
            var update = ProfileFeeder.Plan(profile, FeatureKeys.From(action), "a" + (++_sequence), action.OccurredAt);
            _profiles[user] = profile.Apply(update);
            foreach (var (kind, key) in update.Present)
            {
                _population[(kind, key)] = _population.GetValueOrDefault((kind, key)) + 1;
                if (kind.IsRoot())
                {
                    _populationTotals[(int)kind]++;
                }
            }

            _actions++;
            _users += update.IsNewUser ? 1 : 0;
        }
    }

    /// <summary>A label on an action: its user, device and IP take the standing.</summary>
    public void Label(ActionFacts action, bool fraud, DateTimeOffset at)
    {
        var reputation = new EntityReputation
        {
            Standing = fraud ? ReputationStanding.ConfirmedFraud : ReputationStanding.ConfirmedLegit,
            LabeledAt = at,
        };
        Set(_userReputation, action.UserId, reputation);
        Set(_deviceReputation, action.DeviceId, reputation);
        Set(_ipReputation, action.Network.Ip, reputation);
    }

    private static EntityReputation Reputation(Dictionary<string, EntityReputation> labels, string? key) =>
        key is not null && labels.TryGetValue(key, out var reputation) ? reputation : EntityReputation.Clean;

    private static void Set(Dictionary<string, EntityReputation> labels, string? key, EntityReputation reputation)
    {
        if (key is not null && (!labels.TryGetValue(key, out var current) || current.LabeledAt <= reputation.LabeledAt))
        {
            labels[key] = reputation;
        }
    }

    /// <summary>Labeled-fraud users (other than <paramref name="user"/>) of an address or device, each decayed by the label's age.</summary>
    private double LinkedFraud(HashSet<string>? users, string? user, DateTimeOffset at)
    {
        if (users is null)
        {
            return 0;
        }

        var total = 0.0;
        foreach (var other in users)
        {
            if (!string.Equals(other, user, StringComparison.Ordinal)
                && _userReputation.TryGetValue(other, out var reputation)
                && reputation.Standing == ReputationStanding.ConfirmedFraud
                && reputation.LabeledAt is { } labeledAt)
            {
                total += Math.Pow(0.5, Math.Max(0, (at - labeledAt).TotalDays) / LinkHalfLife.TotalDays);
            }
        }

        return total;
    }

    private int NewAccounts(Dictionary<string, List<Seen>> index, string? key, DateTimeOffset at)
    {
        var recent = Window(index, key, at - Hour, at.AddTicks(1));
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seen in recent)
        {
            if (seen.User is { } user && _firstSeen.TryGetValue(user, out var first) && first >= at - Hour)
            {
                users.Add(user);
            }
        }

        return users.Count;
    }

    private static int SameSecond(Dictionary<string, List<Seen>> index, string? key, DateTimeOffset second) =>
        Window(index, key, second, second.AddSeconds(1)).Count;

    private static DateTimeOffset Truncate(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), at.Offset);

    /// <summary>Recorded actions of <paramref name="key"/> in [from, to), newest last.</summary>
    private static List<Seen> Window(Dictionary<string, List<Seen>> index, string? key, DateTimeOffset from, DateTimeOffset to)
    {
        var result = new List<Seen>();
        if (key is null || !index.TryGetValue(key, out var list))
        {
            return result;
        }

        for (var i = list.Count - 1; i >= 0 && list[i].At >= from; i--)
        {
            if (list[i].At < to)
            {
                result.Add(list[i]);
            }
        }

        return result;
    }

    private static int Linked(Dictionary<string, HashSet<string>> links, string key, string? other)
    {
        var count = links.TryGetValue(key, out var set) ? set.Count : 0;
        return other is not null && (set is null || !set.Contains(other)) ? count + 1 : count;
    }

    private static void Add(Dictionary<string, List<Seen>> index, string? key, Seen seen)
    {
        if (key is null)
        {
            return;
        }

        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(seen);
    }

    private static void Link(Dictionary<string, HashSet<string>> links, string key, string value)
    {
        if (!links.TryGetValue(key, out var set))
        {
            links[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(value);
    }

    private readonly record struct Seen(DateTimeOffset At, string? User, string? Device);
}
