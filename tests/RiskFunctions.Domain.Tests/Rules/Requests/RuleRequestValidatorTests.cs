using System.Text.Json;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Domain.Rules.Requests;

namespace RiskFunctions.Domain.Tests.Rules.Requests;

public sealed class RuleRequestValidatorTests
{
    private static RuleRequest Valid(Matcher? matcher = null) => new()
    {
        Name = "Block risky countries",
        Priority = 10,
        Matcher = matcher ?? new Matcher { CountryCodes = ["kp", "IR"] },
        Recommendation = RuleRecommendationType.Deny,
        Enabled = true,
        Mode = RuleMode.Production,
    };

    private static IReadOnlyList<string> Messages(RuleRequest request) => RuleRequestValidator.Validate(request, out _).Messages;

    [Fact]
    public void Validate_ValidRequest_NormalizedDraft()
    {
        var result = RuleRequestValidator.Validate(Valid() with { Name = "  Block risky countries " }, out var draft);

        Assert.True(result.IsValid);
        Assert.NotNull(draft);
        Assert.Equal("Block risky countries", draft.Name);
        Assert.Equal(10, draft.Priority);
        Assert.Equal(MatcherKind.CountryCodes, draft.Matcher.Kind);
        Assert.Equal(["KP", "IR"], draft.Matcher.Values);
        Assert.Equal(RuleRecommendationType.Deny, draft.Recommendation);
        Assert.True(draft.Enabled);
        Assert.Equal(RuleMode.Production, draft.Mode);
    }

    [Fact]
    public void Validate_NoName_DraftWithoutName()
    {
        Assert.True(RuleRequestValidator.Validate(Valid() with { Name = null }, out var draft).IsValid);
        Assert.Null(draft!.Name);
    }

    [Fact]
    public void Validate_EmptyRequest_NamesEveryRequiredField()
    {
        Assert.Equal(
            ["priority: is required", "matcher: is required", "recommendation: is required", "enabled: is required", "mode: is required"],
            Messages(new RuleRequest()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    public void Validate_PriorityOutOfRange_Rejected(int priority)
    {
        Assert.Equal(["priority: must be between 1 and 1000"], Messages(Valid() with { Priority = priority }));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void Validate_PriorityAtBounds_Accepted(int priority)
    {
        Assert.Empty(Messages(Valid() with { Priority = priority }));
    }

    [Fact]
    public void Validate_NameTooLong_Rejected()
    {
        Assert.Equal(["name: must be at most 100 characters"], Messages(Valid() with { Name = new string('n', RuleLimits.MaxNameLength + 1) }));
        Assert.Empty(Messages(Valid() with { Name = new string('n', RuleLimits.MaxNameLength) }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_BlankName_Rejected(string name)
    {
        Assert.StartsWith("name: must not be empty", Assert.Single(Messages(Valid() with { Name = name })), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NameWithControlCharacter_Rejected()
    {
        Assert.StartsWith("name: must not contain control characters", Assert.Single(Messages(Valid() with { Name = "a\nb" })), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u200B", "name: must contain a visible character")]
    [InlineData("\u200B\u2060\u00A0\u200D", "name: must contain a visible character")]
    [InlineData("Block \u202Esetirovaf", "name: must not contain bidirectional text controls or Unicode noncharacters")]
    [InlineData("Block\u2066 x", "name: must not contain bidirectional text controls or Unicode noncharacters")]
    [InlineData("Block \uFFFF", "name: must not contain bidirectional text controls or Unicode noncharacters")]
    public void Validate_NameThatDisplaysAsNothingOrAsOtherText_Rejected(string name, string expected)
    {
        Assert.Equal([expected], Messages(Valid() with { Name = name }));
    }

    [Theory]
    [InlineData("Règle: pays à risque 🇰🇵")]
    [InlineData("👩\u200D💻 staff")]
    [InlineData("ブロック")]
    public void Validate_NameInAnyScriptOrWithEmoji_Accepted(string name)
    {
        Assert.Empty(Messages(Valid() with { Name = name }));
    }

    [Fact]
    public void Validate_TwoMatchers_RejectedNamingBoth()
    {
        var message = Assert.Single(Messages(Valid(new Matcher { IpCidrs = ["10.0.0.0/8"], UserIds = ["u"] })));

        Assert.StartsWith("matcher: must have exactly one of ip_cidrs, device_ids,", message, StringComparison.Ordinal);
        Assert.EndsWith("found ip_cidrs and user_ids", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoMatcherList_Rejected()
    {
        Assert.EndsWith("none was given", Assert.Single(Messages(Valid(new Matcher()))), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyList_RejectedForTheList()
    {
        Assert.Equal(["matcher.user_ids: must contain at least one value"], Messages(Valid(new Matcher { UserIds = [] })));
    }

    [Fact]
    public void Validate_BadCidrs_EachNamedByIndex()
    {
        var messages = Messages(Valid(new Matcher { IpCidrs = ["10.0.0.0/33", "::/0", "::/129", "garbage"] }));

        Assert.Equal(3, messages.Count);
        Assert.StartsWith("matcher.ip_cidrs[0]: '10.0.0.0/33' prefix length", messages[0], StringComparison.Ordinal);
        Assert.StartsWith("matcher.ip_cidrs[2]: '::/129' prefix length", messages[1], StringComparison.Ordinal);
        Assert.StartsWith("matcher.ip_cidrs[3]: 'garbage' is not a valid", messages[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_AllReported()
    {
        var messages = Messages(new RuleRequest { Priority = 0, Matcher = new Matcher { CountryCodes = ["ZZ"] }, Enabled = true });

        Assert.Equal(4, messages.Count);
        Assert.Contains("priority: must be between 1 and 1000", messages);
        Assert.Contains(messages, m => m.StartsWith("matcher.country_codes[0]:", StringComparison.Ordinal));
        Assert.Contains("recommendation: is required", messages);
        Assert.Contains("mode: is required", messages);
    }

    [Fact]
    public void Validate_UpdateWithTheRulesOwnId_Accepted()
    {
        var id = new string('a', 32);

        Assert.True(RuleRequestValidator.Validate(Valid() with { Id = id }, id, out var draft).IsValid);
        Assert.NotNull(draft);
    }

    [Fact]
    public void Validate_UpdateWithAnotherRulesId_RejectedNamingId()
    {
        var messages = RuleRequestValidator.Validate(Valid() with { Id = new string('b', 32), Priority = 0 }, new string('a', 32), out var draft).Messages;

        Assert.Equal([$"id: must be the id of the rule being updated ({new string('a', 32)}) or be left out", "priority: must be between 1 and 1000"], messages);
        Assert.Null(draft);
    }

    [Fact]
    public void Validate_CreateWithAnId_IdIgnored()
    {
        Assert.True(RuleRequestValidator.Validate(Valid() with { Id = new string('b', 32) }, out var draft).IsValid);
        Assert.NotNull(draft);
    }

    [Theory]
    [InlineData("""{"priority":1.5}""", "priority")]
    [InlineData("""{"priority":"10"}""", "priority")]
    [InlineData("""{"matcher":{"ip_cidr":["10.0.0.0/8"]}}""", "matcher.ip_cidr")]
    [InlineData("""{"recommendation":"deny"}""", "recommendation")]
    [InlineData("""{"recommendation":"ALLOW"}""", "recommendation")]
    [InlineData("""{"mode":"SHADOW"}""", "mode")]
    [InlineData("""{"enabled":"true"}""", "enabled")]
    [InlineData("""{"matcher":{"user_ids":[null]}}""", "matcher.user_ids")]
    [InlineData("""{"matcher":{"user_ids":"u1"}}""", "matcher.user_ids")]
    public void Read_MalformedBody_RefusedByTheReaderNamingTheField(string json, string field)
    {
        var exception = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, RiskJsonContext.Default.RuleRequest));

        Assert.Equal(field, JsonReadErrors.Describe(exception, RiskJsonContext.Default.RuleRequest).Field);
    }
}
