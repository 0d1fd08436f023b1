using System.Globalization;
using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Benchmarks.Learning;

/// <summary>
/// A synthetic tenant with known fraud patterns, none of which the hand-tuned model encodes as a rule:
/// legitimate users sign up and buy hours to days later from a shared pool of residential addresses on
/// their own device (one in ten buys within minutes, some travel); <c>fast-signup</c> fraud buys seconds
/// after signing up from a fresh address; <c>device-burst</c> fraud creates many accounts from one device
/// within minutes; <c>shared-card</c> fraud looks legitimate but pays with a card other accounts use (the
/// engine sees no card: a pattern it cannot learn); <c>takeover</c> fraud logs into an established account
/// from a new network and device and buys at once. Labels arrive one to ten days after fraud, three days
/// after legitimate actions.
/// </summary>
internal static class SyntheticPopulation
{
    public const string Legit = "legit";
    public const string FastSignup = "fast-signup";
    public const string DeviceBurst = "device-burst";
    public const string SharedCard = "shared-card";
    public const string Takeover = "takeover";

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromDays(60);

    private static readonly ClientFacts[] Clients =
    [
        new("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", "desktop", "Windows", "10", "Chrome", "120", false),
        new("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0", "desktop", "Windows", "10", "Firefox", "121", false),
        new("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15", "desktop", "Mac OS X", "10.15", "Safari", "17", false),
        new("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1", "mobile", "iOS", "17.1", "Mobile Safari", "17", false),
        new("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36", "mobile", "Android", "14", "Chrome Mobile", "120", false),
        new("Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36", "mobile", "Android", "13", "Chrome Mobile", "119", false),
    ];

    private static readonly string[] HomeAsns = ["AS7922", "AS701", "AS7018", "AS20115", "AS22773"];

    /// <summary>The actions of <paramref name="legitUsers"/> legitimate users and the fraud around them, in time order.</summary>
    public static IReadOnlyList<EngineEvent> Generate(int legitUsers, int seed)
    {
        var random = new Random(seed);
        var events = new List<EngineEvent>();
        var homes = Enumerable.Range(0, Math.Max(1, legitUsers * 6 / 10)).Select(i => new NetworkFacts(Ip(73, i), "US", HomeAsns[i % HomeAsns.Length])).ToArray();
        var established = new List<(string User, NetworkFacts Home, string Device, ClientFacts Client, DateTimeOffset Since)>();
        var fresh = 0;

        for (var u = 0; u < legitUsers; u++)
        {
            var user = Name("user", u);
            var home = homes[random.Next(homes.Length)];
            var client = Clients[random.Next(Clients.Length)];
            var device = "dev-" + user;
            var signup = Start + (Span * random.NextDouble());
            Add(events, user, "register", signup, home, device, client, fraud: false, Legit, random);
            var at = signup;
            var purchases = 1 + random.Next(4);
            for (var p = 0; p < purchases; p++)
            {
                at += p == 0 && random.NextDouble() < 0.1
                    ? TimeSpan.FromSeconds(60 + random.Next(1800))
                    : TimeSpan.FromDays(Exponential(random, p == 0 ? 2 : 3));
                var network = random.NextDouble() < 0.05 ? new NetworkFacts(Ip(98, fresh++), "US", HomeAsns[random.Next(HomeAsns.Length)]) : home;
                if (random.NextDouble() < 0.5)
                {
                    Add(events, user, "login", at - TimeSpan.FromMinutes(2 + random.Next(10)), network, device, client, fraud: false, Legit, random);
                }

                Add(events, user, "transaction", at, network, device, client, fraud: false, Legit, random);
            }

            established.Add((user, home, device, client, signup));
        }

        // Fast signup-to-purchase from fresh addresses.
        for (var f = 0; f < legitUsers * 3 / 100; f++)
        {
            var user = Name("fs", f);
            var network = new NetworkFacts(Ip(45, fresh++), "NL", "AS14061");
            var client = Clients[random.Next(Clients.Length)];
            var signup = Start + (Span * random.NextDouble());
            Add(events, user, "register", signup, network, "dev-" + user, client, fraud: true, FastSignup, random);
            Add(events, user, "transaction", signup.AddSeconds(5 + random.Next(300)), network, "dev-" + user, client, fraud: true, FastSignup, random);
        }

        // Device bursts: one device opens many accounts within minutes, from a few addresses.
        for (var b = 0; b < Math.Max(1, legitUsers * 15 / 1000 / 8); b++)
        {
            var device = Name("burst-device", b);
            var client = Clients[random.Next(Clients.Length)];
            var networks = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => homes[random.Next(homes.Length)]).ToArray();
            var start = Start + (Span * random.NextDouble());
            var accounts = 5 + random.Next(11);
            for (var a = 0; a < accounts; a++)
            {
                var user = Name("burst" + b.ToString(CultureInfo.InvariantCulture) + "-", a);
                var signup = start.AddSeconds(random.Next(600));
                var network = networks[random.Next(networks.Length)];
                Add(events, user, "register", signup, network, device, client, fraud: true, DeviceBurst, random);
                Add(events, user, "transaction", signup.AddSeconds(60 + random.Next(3 * 3600)), network, device, client, fraud: true, DeviceBurst, random);
            }
        }

        // Shared cards: ordinary-looking accounts; only the card, which the engine does not see, links them.
        for (var s = 0; s < legitUsers / 100; s++)
        {
            var user = Name("card", s);
            var home = homes[random.Next(homes.Length)];
            var client = Clients[random.Next(Clients.Length)];
            var signup = Start + (Span * random.NextDouble());
            Add(events, user, "register", signup, home, "dev-" + user, client, fraud: false, SharedCard, random);
            Add(events, user, "transaction", signup + TimeSpan.FromDays(Exponential(random, 1)), home, "dev-" + user, client, fraud: true, SharedCard, random);
        }

        // Takeovers of established accounts from a new network and device.
        for (var t = 0; t < legitUsers / 100; t++)
        {
            var victim = established[random.Next(established.Count)];
            var at = victim.Since + TimeSpan.FromDays(5 + (15 * random.NextDouble()));
            var network = new NetworkFacts(Ip(91, fresh++), "RU", "AS12389");
            var device = Name("ato-device", t);
            var client = Clients[random.Next(Clients.Length)];
            Add(events, victim.User, "login", at, network, device, client, fraud: true, Takeover, random);
            Add(events, victim.User, "transaction", at.AddSeconds(30 + random.Next(270)), network, device, client, fraud: true, Takeover, random);
        }

        return [.. events.OrderBy(e => e.Facts.OccurredAt).ThenBy(e => e.Ref, StringComparer.Ordinal)];
    }

    private static void Add(
        List<EngineEvent> events, string user, string type, DateTimeOffset at, NetworkFacts network, string device, ClientFacts client, bool fraud, string group, Random random)
    {
        var facts = new ActionFacts
        {
            ActionType = type,
            UserId = user,
            UserIsAuthenticated = type != "register",
            DeviceId = device,
            Network = network,
            Client = client,
            OccurredAt = at,
        };
        var labeledAt = at + (fraud ? TimeSpan.FromDays(1 + (9 * random.NextDouble())) : TimeSpan.FromDays(3));
        events.Add(new EngineEvent(string.Create(CultureInfo.InvariantCulture, $"{group}:{events.Count}"), facts, fraud, labeledAt, group));
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    private static string Name(string prefix, int i) => prefix + i.ToString("D5", CultureInfo.InvariantCulture);

    private static string Ip(int first, int i) => string.Create(CultureInfo.InvariantCulture, $"{first}.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}");
}
