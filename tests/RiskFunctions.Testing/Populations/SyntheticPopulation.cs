using System.Globalization;
using RiskFunctions.Domain.Activity;

namespace RiskFunctions.Testing.Populations;

/// <summary>
/// A day of a tenant's traffic, reproducible from a seed, with what was planted in it. Normal users live in households
/// (1 to 4 people behind one home IP, some sharing a tablet), a third also browse from carrier NAT addresses shared by
/// hundreds, a few carry a popular fingerprint, card BIN and last four digits collide now and then, and payments go to
/// large merchants or to one friend's account. Planted on request: a ring of accounts sharing a few devices and cards,
/// a credential-stuffing burst, a bot registration burst, a card-testing burst.
/// </summary>
public sealed class SyntheticPopulation
{
    public static readonly DateTimeOffset DayStart = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] IspAsns = ["AS7922", "AS7018", "AS701", "AS20115", "AS22773", "AS3320", "AS5089", "AS6830", "AS1136", "AS12322"];
    private static readonly string[] CarrierAsns = ["AS21928", "AS22394", "AS20057"];
    private static readonly string[] Families = ["Chrome 131 / Windows", "Safari 18 / iOS", "Chrome 131 / Android", "Firefox 133 / Windows", "Edge 131 / Windows", "Safari 18 / Mac OS"];
    private static readonly string[] Bins = ["411111", "424242", "510510", "545454", "601100", "400005", "520082", "371449", "378282", "555555"];

    private readonly Random _random;
    private readonly List<ActivityRecord> _records = [];
    private long _tokens;

    private SyntheticPopulation(int seed) => _random = new Random(seed);

    /// <summary>Every action, by time.</summary>
    public IReadOnlyList<ActivityRecord> Records => [.. _records.OrderBy(record => record.OccurredAt).ThenBy(record => record.ActionToken, StringComparer.Ordinal)];

    /// <summary>The planted ring's users.</summary>
    public IReadOnlySet<string> RingMembers { get; private set; } = new HashSet<string>();

    /// <summary>The planted bursts' actions, by campaign kind code.</summary>
    public Dictionary<string, HashSet<string>> CampaignActions { get; } = [];

    /// <summary>A day of <paramref name="users"/> normal users.</summary>
    public static SyntheticPopulation NormalDay(int seed, int users = 10_000)
    {
        var population = new SyntheticPopulation(seed);
        population.AddNormalUsers(users);
        return population;
    }

    /// <summary>
    /// Plants a ring: <paramref name="accounts"/> accounts sharing <paramref name="devices"/> devices and
    /// <paramref name="cards"/> cards, each logging in and paying a few times over the day.
    /// </summary>
    public SyntheticPopulation WithRing(int accounts = 20, int devices = 3, int cards = 2)
    {
        var deviceIds = Enumerable.Range(0, devices).Select(_ => Id("rdev")).ToArray();
        var cardIds = Enumerable.Range(0, cards).Select(_ => Card()).ToArray();
        var ips = Enumerable.Range(0, 4).Select(_ => HomeIp()).ToArray();
        var members = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < accounts; i++)
        {
            var user = Id("user");
            members.Add(user);
            var device = deviceIds[i % devices];
            var card = cardIds[i % cards];
            for (var n = 0; n < 4; n++)
            {
                var at = RandomTime();
                var ip = ips[_random.Next(ips.Length)];
                Add(Login(user, device, "fp-" + device, ip, IspAsns[0], Families[0], at, "success"));
                if (n % 2 == 0)
                {
                    Add(Payment(user, device, "fp-" + device, ip, IspAsns[0], Families[0], at.AddMinutes(3), card, Merchant(), 80m + _random.Next(400)));
                }
            }
        }

        RingMembers = members;
        return this;
    }

    /// <summary>Plants <paramref name="logins"/> logins from one hosting ASN within <paramref name="span"/>, nearly all failing.</summary>
    public SyntheticPopulation WithCredentialStuffing(int logins = 500, TimeSpan? span = null, string asn = "AS14061")
    {
        var start = DayStart.AddHours(14);
        var length = span ?? TimeSpan.FromMinutes(2);
        var tokens = Plant("credential_stuffing");
        for (var i = 0; i < logins; i++)
        {
            var at = start + (length * _random.NextDouble());
            var result = _random.NextDouble() < 0.97 ? "failure" : "success";
            var record = Login(Id("victim"), Id("sdev"), Id("sfp"), $"198.51.{_random.Next(100, 120)}.{_random.Next(256)}", asn, Families[_random.Next(3)], at, result) with { IpIsShared = true };
            tokens.Add(record.ActionToken);
            Add(record);
        }

        return this;
    }

    /// <summary>Plants <paramref name="registrations"/> new accounts from one fingerprint within ten minutes.</summary>
    public SyntheticPopulation WithBotRegistrations(int registrations = 200)
    {
        var start = DayStart.AddHours(3);
        var fingerprint = Id("botfp");
        var tokens = Plant("bot_registration");
        for (var i = 0; i < registrations; i++)
        {
            var at = start + (TimeSpan.FromMinutes(10) * _random.NextDouble());
            var record = Base("register", Id("bot"), Id("bdev"), fingerprint, HomeIp(), IspAsns[_random.Next(IspAsns.Length)], Families[0], at);
            tokens.Add(record.ActionToken);
            Add(record);
        }

        return this;
    }

    /// <summary>Plants <paramref name="payments"/> small payments over as many cards from two devices within fifteen minutes.</summary>
    public SyntheticPopulation WithCardTesting(int payments = 120)
    {
        var start = DayStart.AddHours(20);
        var devices = new[] { Id("ctdev"), Id("ctdev") };
        var users = new[] { Id("ctuser"), Id("ctuser") };
        var tokens = Plant("card_testing");
        for (var i = 0; i < payments; i++)
        {
            var at = start + (TimeSpan.FromMinutes(15) * _random.NextDouble());
            var record = Payment(users[i % 2], devices[i % 2], "fp-" + devices[i % 2], HomeIp(), IspAsns[1], Families[3], at, Card(), Merchant(), 1m);
            tokens.Add(record.ActionToken);
            Add(record);
        }

        return this;
    }

    private void AddNormalUsers(int users)
    {
        var carrierIps = Enumerable.Range(0, 20).Select(i => $"172.58.{i}.{_random.Next(1, 255)}").ToArray();
        var popularFingerprints = Enumerable.Range(0, 5).Select(_ => Id("popfp")).ToArray();
        var created = 0;
        while (created < users)
        {
            var size = Math.Min(users - created, 1 + (int)Math.Floor(-Math.Log(1 - _random.NextDouble()) * 1.1) % 4);
            var homeIp = HomeIp();
            var asn = IspAsns[Math.Min(IspAsns.Length - 1, (int)(-Math.Log(1 - _random.NextDouble()) * 3))];
            var tablet = size > 1 && _random.NextDouble() < 0.2 ? Id("tab") : null;
            var members = Enumerable.Range(0, size).Select(_ => Id("user")).ToArray();
            foreach (var user in members)
            {
                AddNormalUser(user, homeIp, asn, tablet, carrierIps, popularFingerprints, members);
            }

            created += size;
        }
    }

    private void AddNormalUser(string user, string homeIp, string asn, string? tablet, string[] carrierIps, string[] popularFingerprints, string[] household)
    {
        var device = Id("dev");
        var fingerprint = _random.NextDouble() < 0.02 ? popularFingerprints[_random.Next(popularFingerprints.Length)] : "fp-" + device;
        var family = Families[_random.Next(Families.Length)];
        var card = Card();
        var friend = household[_random.Next(household.Length)];
        var isNew = _random.NextDouble() < 0.03;
        if (isNew)
        {
            Add(Base("register", user, device, fingerprint, homeIp, asn, family, RandomTime()));
        }

        var actions = 1 + _random.Next(4);
        for (var n = 0; n < actions; n++)
        {
            var mobile = _random.NextDouble() < 0.3;
            var (ip, ipAsn) = mobile ? (carrierIps[_random.Next(carrierIps.Length)], CarrierAsns[_random.Next(CarrierAsns.Length)]) : (homeIp, asn);
            var (dev, fp) = tablet is not null && _random.NextDouble() < 0.25 ? (tablet, "fp-" + tablet) : (device, fingerprint);
            var at = RandomTime();
            var failed = _random.NextDouble() < 0.05;
            Add(Login(user, dev, fp, ip, ipAsn, family, at, failed ? "failure" : "success"));
            if (failed)
            {
                Add(Login(user, dev, fp, ip, ipAsn, family, at.AddSeconds(20), "success"));
            }

            if (_random.NextDouble() < 0.4)
            {
                // Most payments go to large merchants; one in ten to a friend or relative (a personal account).
                var payee = _random.NextDouble() < 0.1 ? "acct-" + friend : Merchant();
                var amount = _random.NextDouble() < 0.1 ? 1m + _random.Next(4) : 10m + _random.Next(300);
                Add(Payment(user, dev, fp, ip, ipAsn, family, at.AddMinutes(2), card, payee, amount));
            }
        }
    }

    private HashSet<string> Plant(string kind)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        CampaignActions[kind] = tokens;
        return tokens;
    }

    private ActivityRecord Login(string user, string device, string fingerprint, string ip, string asn, string family, DateTimeOffset at, string result) =>
        Base("login", user, device, fingerprint, ip, asn, family, at) with { Result = result };

    private ActivityRecord Payment(string user, string device, string fingerprint, string ip, string asn, string family, DateTimeOffset at, string card, string payee, decimal amount) =>
        Base("transaction", user, device, fingerprint, ip, asn, family, at) with { Card = card, PayeeAccount = payee, Amount = amount, Result = "success" };

    private ActivityRecord Base(string type, string user, string device, string fingerprint, string ip, string asn, string family, DateTimeOffset at) => new()
    {
        ActionToken = Token(),
        ActionType = type,
        OccurredAt = at,
        UserId = user,
        DeviceId = device,
        DeviceFingerprint = fingerprint,
        Ip = ip,
        Asn = asn,
        UserAgentFamily = family,
        Recommendation = "ALLOW",
    };

    private void Add(ActivityRecord record) => _records.Add(record);

    private DateTimeOffset RandomTime() => DayStart + TimeSpan.FromSeconds(_random.Next(0, 86_400 - 600));

    private string HomeIp() => $"{_random.Next(24, 99)}.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(1, 255)}";

    private string Card() => Bins[_random.Next(Bins.Length)] + "|" + _random.Next(10_000).ToString("D4", CultureInfo.InvariantCulture);

    private string Merchant() => "merchant-" + _random.Next(30).ToString(CultureInfo.InvariantCulture);

    private string Id(string prefix) => prefix + "-" + _random.Next().ToString("x8", CultureInfo.InvariantCulture) + (++_tokens).ToString(CultureInfo.InvariantCulture);

    private string Token() => (++_tokens).ToString("x64", CultureInfo.InvariantCulture);
}
