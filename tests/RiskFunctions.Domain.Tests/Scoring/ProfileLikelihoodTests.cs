using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Domain.Tests.Scoring;

public sealed class ProfileLikelihoodTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ActionFacts Login(string country) => new()
    {
        ActionType = "login",
        UserId = "u",
        Network = new NetworkFacts("1.2.3.4", country, "AS1"),
        OccurredAt = At,
    };

    private static UserProfile CountryHistory(long count, int distinct, params (string Country, long Count)[] values)
    {
        var builder = new UserProfile.Builder("u").WithSummary(count, At, At).WithTotals(FeatureKind.Country, new KindTotals(count, distinct));
        foreach (var (country, n) in values)
        {
            builder.WithValue(FeatureKind.Country, country, new FeatureStats(n, 1, At, At));
        }

        return builder.Build();
    }

    [Fact]
    public void Level_UnseenValue_RatioIsWittenBellInverse()
    {
        var profile = CountryHistory(20, 2, ("GB", 15), ("FR", 5));
        var action = Login("VN");

        var ratio = ProfileLikelihood.Level(profile, new PopulationCounts(), FeatureKeys.From(action), FeatureKind.Country);

        Assert.True(ratio.IsNew);
        Assert.Equal(Math.Log((20.0 + 2) / 2), ratio.LogRatio, precision: 12);
    }

    [Fact]
    public void Level_UnseenValue_RoamingUserIsLessSurprising()
    {
        var homebody = CountryHistory(20, 1, ("GB", 20));
        var roamer = CountryHistory(20, 10, ("GB", 2));
        var features = FeatureKeys.From(Login("VN"));

        var forHomebody = ProfileLikelihood.Level(homebody, new PopulationCounts(), features, FeatureKind.Country);
        var forRoamer = ProfileLikelihood.Level(roamer, new PopulationCounts(), features, FeatureKind.Country);

        Assert.True(forHomebody.LogRatio > forRoamer.LogRatio);
        Assert.True(forRoamer.LogRatio > 0);
    }

    [Fact]
    public void Level_SeenValue_RarerInPopulationIsStrongerEvidence()
    {
        var profile = CountryHistory(20, 1, ("LU", 20));
        var features = FeatureKeys.From(Login("LU"));
        var common = new PopulationCounts().SetValue(FeatureKind.Country, 900).SetTotal(FeatureKind.Country, 1000);
        var rare = new PopulationCounts().SetValue(FeatureKind.Country, 25).SetTotal(FeatureKind.Country, 1000);

        var whenCommon = ProfileLikelihood.Level(profile, common, features, FeatureKind.Country);
        var whenRare = ProfileLikelihood.Level(profile, rare, features, FeatureKind.Country);

        Assert.False(whenRare.IsNew);
        Assert.True(whenCommon.LogRatio < 0);
        Assert.True(whenRare.LogRatio < whenCommon.LogRatio);
    }

    [Fact]
    public void Level_UnknownParent_GivesNoEvidence()
    {
        var profile = CountryHistory(20, 1, ("GB", 20));
        var features = FeatureKeys.From(Login("VN"));

        var asn = ProfileLikelihood.Level(profile, new PopulationCounts(), features, FeatureKind.Asn);

        Assert.False(asn.HasEvidence);
        Assert.Equal(0, asn.LogRatio);
    }

    [Fact]
    public void Level_NoHistory_GivesNoEvidence()
    {
        var ratio = ProfileLikelihood.Level(UserProfile.Empty("u"), new PopulationCounts(), FeatureKeys.From(Login("GB")), FeatureKind.Country);

        Assert.False(ratio.HasEvidence);
    }

    [Fact]
    public void Level_PopulationLaggingTheProfile_StaysFinite()
    {
        var profile = CountryHistory(20, 1, ("GB", 20));

        var ratio = ProfileLikelihood.Level(profile, new PopulationCounts(), FeatureKeys.From(Login("GB")), FeatureKind.Country);

        Assert.True(double.IsFinite(ratio.LogRatio));
        Assert.True(ratio.LogRatio <= 0);
    }
}
