using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Domain.Tests.Scoring;

public sealed class FeatureKeysTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_NetworkHierarchy_ChildKeysExtendParentKeys()
    {
        var features = FeatureKeys.From(new ActionFacts
        {
            ActionType = "login",
            Network = new NetworkFacts("160.221.187.219", "US", "AS174"),
            OccurredAt = At,
        });

        Assert.Equal("US", features[FeatureKind.Country]);
        Assert.Equal("US|AS174", features[FeatureKind.Asn]);
        Assert.Equal("US|AS174|160.221.187.219", features[FeatureKind.Ip]);
    }

    [Fact]
    public void From_ClientHierarchy_NamesVersionsAndHashesTheUserAgent()
    {
        var features = FeatureKeys.From(new ActionFacts
        {
            ActionType = "login",
            Client = new ClientFacts("Mozilla/5.0 Chrome/120", "desktop", "macOS", "14.1.0", "Chrome", "120", false),
            OccurredAt = At,
        });

        Assert.Equal("desktop", features[FeatureKind.Platform]);
        Assert.Equal("desktop|macOS 14.1.0", features[FeatureKind.Os]);
        Assert.Equal("desktop|macOS 14.1.0|Chrome 120", features[FeatureKind.Browser]);
        var ua = features[FeatureKind.UserAgent]!;
        Assert.StartsWith("desktop|macOS 14.1.0|Chrome 120|~", ua, StringComparison.Ordinal);
        Assert.Equal("desktop|macOS 14.1.0|Chrome 120|".Length + 33, ua.Length);
    }

    [Fact]
    public void From_UnknownLevels_UseThePlaceholder()
    {
        var features = FeatureKeys.From(new ActionFacts
        {
            ActionType = "login",
            Network = new NetworkFacts("10.0.0.1", null, null),
            Client = new ClientFacts("curl/8.0", null, null, null, "curl", null, true),
            OccurredAt = At,
        });

        Assert.Equal("-|-|10.0.0.1", features[FeatureKind.Ip]);
        Assert.Equal("-|-|curl", features[FeatureKind.Browser]);
    }

    [Fact]
    public void From_NothingReported_HasNoFeatures()
    {
        var features = FeatureKeys.From(new ActionFacts { ActionType = "login", OccurredAt = At });

        Assert.All(FeatureKinds.All, kind => Assert.False(features.Has(kind)));
    }

    [Theory]
    [InlineData("a|b", "a%7Cb")]
    [InlineData("~x", "%7Ex")]
    [InlineData("50%", "50%25")]
    [InlineData("plain-id_123", "plain-id_123")]
    public void Identifier_ReservedCharacters_AreEscaped(string value, string expected) =>
        Assert.Equal(expected, FeatureKeys.Identifier(value));

    [Fact]
    public void Identifier_LongValue_IsHashedDeterministically()
    {
        var value = new string('x', 10_000);

        var key = FeatureKeys.Identifier(value)!;

        Assert.Equal(33, key.Length);
        Assert.Equal(FeatureKeys.ReservedPrefix, key[0]);
        Assert.Equal(key, FeatureKeys.Identifier(value));
        Assert.NotEqual(key, FeatureKeys.Identifier(value + "y"));
    }

    [Fact]
    public void Identifier_EscapedValue_CannotCollideWithHashedOne()
    {
        var hashed = FeatureKeys.Identifier(new string('x', 200))!;

        Assert.NotEqual(hashed, FeatureKeys.Identifier(hashed));
    }
}
