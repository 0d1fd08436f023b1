namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// The model's weights, in log-odds (nats) added to an action's evidence. Defaults are the documented
/// calibration (<c>docs/SCORING.md</c>); deployments may tune them through configuration.
/// </summary>
public sealed class ScoringModelOptions
{
    /// <summary>Evidence every action starts from: −2 nats, i.e. a score of 11.9 when nothing else speaks.</summary>
    public double PriorLogOdds { get; set; } = -2.0;

    /// <summary>A contribution must add at least this much to have its reason code reported. Default 0.4.</summary>
    public double ReasonThreshold { get; set; } = 0.4;

    /// <summary>Network hierarchy (country → ASN → IP) likelihood ratio.</summary>
    public TermWeight Network { get; set; } = new() { Weight = 1.0, Min = -2.5, Max = 3.0 };

    /// <summary>Client hierarchy (platform → OS → browser → user agent) likelihood ratio.</summary>
    public TermWeight Client { get; set; } = new() { Weight = 0.6, Min = -1.5, Max = 2.0 };

    /// <summary>Device identity (public key, else device id, else fingerprint) likelihood ratio.</summary>
    public TermWeight Device { get; set; } = new() { Weight = 0.8, Min = -2.5, Max = 2.5 };

    /// <summary>
    /// Cap on the network, client and device terms together: a departure from the user's history alone
    /// (+3.5 nats at most, a score of 81.8 from the prior) asks for a challenge, never a denial; denial
    /// needs other evidence as well.
    /// </summary>
    public TermWeight Profile { get; set; } = new() { Weight = 1.0, Min = -4.0, Max = 3.5 };

    /// <summary>Freeman's user term p(u | attack) / p(u | legit).</summary>
    public TermWeight UserPrior { get; set; } = new() { Weight = 0.5, Min = -1.0, Max = 1.0 };

    /// <summary>
    /// Rarity in the tenant of an IP address (and autonomous system) the user never showed
    /// (<see cref="TenantRarityTerms"/>): +1.1 nats for an address the tenant has never seen, down to −1 for
    /// one many trusted actions came from.
    /// </summary>
    public TermWeight TenantRarity { get; set; } = new() { Weight = 0.5, Min = -1.0, Max = 1.5 };

    /// <summary>Trusted actions from one IP address across the tenant from which it counts as common (term 0). Default 4.</summary>
    public int CommonIpCount { get; set; } = 4;

    /// <summary>Trusted actions from one autonomous system across the tenant from which it counts as common (term 0). Default 100.</summary>
    public int CommonAsnCount { get; set; } = 100;

    /// <summary>A user never seen before (any action but <c>register</c>).</summary>
    public double NewUser { get; set; } = 0.7;

    /// <summary>A sensitive action by an account younger than <see cref="NewAccountAge"/>.</summary>
    public double NewAccount { get; set; } = 0.8;

    public TimeSpan NewAccountAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Action types that move money or change credentials: <see cref="NewAccount"/> applies to them.</summary>
    public IList<string> SensitiveActionTypes { get; set; } =
    [
        "transaction", "checkout", "withdraw", "credits_change", "account_auth_change", "account_details_change", "password_reset",
    ];

    /// <summary>Action types account takeover is looked for in.</summary>
    public IList<string> TakeoverActionTypes { get; set; } =
    [
        "login", "password_reset", "account_auth_change", "account_details_change", "transaction", "checkout", "withdraw", "credits_change",
    ];

    public VelocityWeight IpActionRate { get; set; } = new() { Threshold = 10, Slope = 1.0, Max = 2.5 };
    public VelocityWeight UserActionRate { get; set; } = new() { Threshold = 5, Slope = 1.0, Max = 2.0 };
    public VelocityWeight DeviceActionRate { get; set; } = new() { Threshold = 10, Slope = 1.0, Max = 2.0 };
    public VelocityWeight IpUserCount { get; set; } = new() { Threshold = 5, Slope = 1.0, Max = 2.5 };
    public VelocityWeight IpDeviceCount { get; set; } = new() { Threshold = 10, Slope = 0.7, Max = 1.5 };
    public VelocityWeight DeviceUserCount { get; set; } = new() { Threshold = 3, Slope = 1.0, Max = 2.5 };
    public VelocityWeight UserDeviceCount { get; set; } = new() { Threshold = 10, Slope = 0.5, Max = 1.0 };

    public double Tor { get; set; } = 2.5;
    public double Anonymizer { get; set; } = 1.5;
    public double Proxy { get; set; } = 1.0;
    public double Hosting { get; set; } = 1.0;
    public double Vpn { get; set; } = 0.7;
    public double RiskyIp { get; set; } = 2.0;

    public double Tampered { get; set; } = 1.5;
    public double Emulated { get; set; } = 1.5;
    public double Spoofed { get; set; } = 2.0;
    public double TimezoneMismatch { get; set; } = 0.7;
    public double Incognito { get; set; } = 0.3;

    public double NoUserInteraction { get; set; } = 2.0;
    public double AutomationUserAgent { get; set; } = 3.0;
    public double BotLikeMovement { get; set; } = 1.0;

    /// <summary>Share of straight-line pointer movements from which movement counts as bot-like. Default 0.9.</summary>
    public double BotStraightLineRatio { get; set; } = 0.9;

    public ReputationWeight UserReputation { get; set; } = new() { ConfirmedFraud = 3.0, SuspectedFraud = 1.5, Takeover = 2.0, ConfirmedLegit = -1.0 };
    public ReputationWeight DeviceReputation { get; set; } = new() { ConfirmedFraud = 3.0, SuspectedFraud = 1.5, Takeover = 2.5, ConfirmedLegit = -0.5 };
    public ReputationWeight FingerprintReputation { get; set; } = new() { ConfirmedFraud = 2.0, SuspectedFraud = 1.0, Takeover = 1.5, ConfirmedLegit = -0.3 };
    public ReputationWeight PublicKeyReputation { get; set; } = new() { ConfirmedFraud = 3.0, SuspectedFraud = 1.5, Takeover = 2.5, ConfirmedLegit = -0.5 };
    public ReputationWeight IpReputation { get; set; } = new() { ConfirmedFraud = 1.5, SuspectedFraud = 0.75, Takeover = 0.75, ConfirmedLegit = -0.3 };

    /// <summary>
    /// How many of the three profile hierarchies (network, client, device) must each depart from a known
    /// user's history by at least <see cref="ReasonThreshold"/> for the action to count as a takeover. Default 2.
    /// </summary>
    public int TakeoverDeviatingHierarchies { get; set; } = 2;

    public TrustPolicyOptions Trust { get; set; } = new();

    /// <summary>What is wrong with the options (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!double.IsFinite(PriorLogOdds))
        {
            errors.Add($"{nameof(PriorLogOdds)}: must be a finite number.");
        }

        if (!(ReasonThreshold >= 0))
        {
            errors.Add($"{nameof(ReasonThreshold)}: must be zero or more.");
        }

        Network.Validate(nameof(Network), errors);
        Client.Validate(nameof(Client), errors);
        Device.Validate(nameof(Device), errors);
        UserPrior.Validate(nameof(UserPrior), errors);
        Profile.Validate(nameof(Profile), errors);
        TenantRarity.Validate(nameof(TenantRarity), errors);
        if (CommonIpCount < 0 || CommonAsnCount < 0)
        {
            errors.Add($"{nameof(CommonIpCount)}, {nameof(CommonAsnCount)}: must be zero or more.");
        }

        if (TakeoverDeviatingHierarchies is < 1 or > 3)
        {
            errors.Add($"{nameof(TakeoverDeviatingHierarchies)}: must be 1, 2 or 3.");
        }

        IpActionRate.Validate(nameof(IpActionRate), errors);
        UserActionRate.Validate(nameof(UserActionRate), errors);
        DeviceActionRate.Validate(nameof(DeviceActionRate), errors);
        IpUserCount.Validate(nameof(IpUserCount), errors);
        IpDeviceCount.Validate(nameof(IpDeviceCount), errors);
        DeviceUserCount.Validate(nameof(DeviceUserCount), errors);
        UserDeviceCount.Validate(nameof(UserDeviceCount), errors);
        if (NewAccountAge < TimeSpan.Zero)
        {
            errors.Add($"{nameof(NewAccountAge)}: must not be negative.");
        }

        Trust.Validate(errors);
        return errors;
    }
}

/// <summary>Weight and cap of a likelihood-ratio term: contribution = clamp(Weight × ln ratio, Min, Max).</summary>
public sealed class TermWeight
{
    public double Weight { get; set; } = 1.0;
    public double Min { get; set; } = -2.0;
    public double Max { get; set; } = 2.0;

    internal double Apply(double logRatio) => Math.Clamp(Weight * logRatio, Min, Max);

    internal void Validate(string name, List<string> errors)
    {
        if (!(Weight >= 0) || !(Min <= 0) || !(Max >= 0) || !double.IsFinite(Min) || !double.IsFinite(Max))
        {
            errors.Add($"{name}: Weight and Max must be zero or more, Min zero or less, all finite.");
        }
    }
}

/// <summary>A count signal: contribution = min(Max, Slope × ln(count / Threshold)) once count exceeds Threshold.</summary>
public sealed class VelocityWeight
{
    public int Threshold { get; set; } = 10;
    public double Slope { get; set; } = 1.0;
    public double Max { get; set; } = 2.0;

    internal double Apply(int count) => count <= Threshold ? 0 : Math.Min(Max, Slope * Math.Log((double)count / Threshold));

    internal void Validate(string name, List<string> errors)
    {
        if (Threshold < 1 || !(Slope >= 0) || !(Max >= 0) || !double.IsFinite(Max))
        {
            errors.Add($"{name}: Threshold must be 1 or more, Slope and Max zero or more.");
        }
    }
}

/// <summary>What each standing of an entity's reputation adds.</summary>
public sealed class ReputationWeight
{
    public double ConfirmedFraud { get; set; }
    public double SuspectedFraud { get; set; }
    public double Takeover { get; set; }
    public double ConfirmedLegit { get; set; }
}

/// <summary>When a known user on a known device may be trusted (TRUST is never given otherwise).</summary>
public sealed class TrustPolicyOptions
{
    /// <summary>Profile-building actions the user needs. Default 3.</summary>
    public int MinUserActions { get; set; } = 3;

    /// <summary>Profile-building actions the device (public key or device id) needs with this user. Default 3.</summary>
    public int MinDeviceActions { get; set; } = 3;

    /// <summary>How long ago the device must have been first seen with this user. Default one day.</summary>
    public TimeSpan MinDeviceAge { get; set; } = TimeSpan.FromDays(1);

    internal void Validate(List<string> errors)
    {
        if (MinUserActions < 1 || MinDeviceActions < 1 || MinDeviceAge < TimeSpan.Zero)
        {
            errors.Add("Trust: MinUserActions and MinDeviceActions must be 1 or more, MinDeviceAge not negative.");
        }
    }
}
