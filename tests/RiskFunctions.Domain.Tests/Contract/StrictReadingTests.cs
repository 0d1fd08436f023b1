using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Tests.Contract;

/// <summary>Client mistakes are refused while reading, and described by field in the validators' form.</summary>
public sealed class StrictReadingTests
{
    private const string ValidRule = """{"priority":10,"matcher":{"user_ids":["u"]},"recommendation":"DENY","enabled":true,"mode":"PRODUCTION"}""";

    [Theory]
    [InlineData("\"10\"")]
    [InlineData("1.5")]
    [InlineData("1e2")]
    [InlineData("99999999999")]
    [InlineData("true")]
    public void Deserialize_PriorityNotAnInteger_NamesPriority(string priority)
    {
        Assert.Equal("priority: must be a whole number in range", DescribeRule(ValidRule.Replace("10", priority, StringComparison.Ordinal)));
    }

    [Fact]
    public void Deserialize_UnknownMatcherKey_NamesTheKey()
    {
        Assert.Equal("matcher.emails: is not a known field",
            DescribeRule(ValidRule.Replace("user_ids", "emails", StringComparison.Ordinal)));
    }

    [Fact]
    public void Deserialize_UnknownTopLevelField_NamesTheField()
    {
        Assert.Equal("note: is not a known field",
            DescribeRule(ValidRule.Replace("{\"priority\"", "{\"note\":\"x\",\"priority\"", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Name", "Name: is not a known field (field names are case-sensitive): did you mean name?")]
    [InlineData("PRIORITY", "PRIORITY: is not a known field (field names are case-sensitive): did you mean priority?")]
    [InlineData("priorty", "priorty: is not a known field: did you mean priority?")]
    [InlineData("recomendation", "recomendation: is not a known field: did you mean recommendation?")]
    [InlineData("enable", "enable: is not a known field: did you mean enabled?")]
    [InlineData("nmae", "nmae: is not a known field: did you mean name?")]
    [InlineData("rule_name", "rule_name: is not a known field")]
    public void Deserialize_MisspelledTopLevelField_SuggestsTheKnownOne(string field, string message)
    {
        Assert.Equal(message, DescribeRule(ValidRule.Replace("{\"priority\"", "{\"" + field + "\":\"x\",\"priority\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Deserialize_MisspelledMatcherKey_SuggestsTheKnownOne()
    {
        Assert.Equal("matcher.ip_cidr: is not a known field: did you mean ip_cidrs?",
            DescribeRule(ValidRule.Replace("user_ids", "ip_cidr", StringComparison.Ordinal)));
    }

    [Fact]
    public void Deserialize_ListedRuleWithItsId_IsRead()
    {
        var rule = JsonSerializer.Deserialize("{\"id\":\"" + new string('a', 32) + "\"," + ValidRule[1..], RiskJsonContext.Default.RuleRequest);

        Assert.Equal(new string('a', 32), rule!.Id);
        Assert.Equal(10, rule.Priority);
    }

    [Fact]
    public void Deserialize_DuplicateKey_IsRejected()
    {
        Assert.Equal("priority: must not appear more than once",
            DescribeRule(ValidRule.Replace("{\"priority\":10", "{\"priority\":10,\"priority\":11", StringComparison.Ordinal)));
    }

    [Fact]
    public void Deserialize_MatcherListOfNumbers_NamesTheElement()
    {
        Assert.Equal("matcher.user_ids: must be an array of strings (item 1 is not a string)",
            DescribeRule(ValidRule.Replace("[\"u\"]", "[\"u\",7]", StringComparison.Ordinal)));
    }

    [Fact]
    public void Deserialize_MatcherNotAnObject_NamesTheMatcher()
    {
        Assert.Equal("matcher: must be an object",
            DescribeRule(ValidRule.Replace("{\"user_ids\":[\"u\"]}", "\"u\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Deserialize_NullInsideAList_IsRejected()
    {
        Assert.Equal("matcher.user_ids: must be an array of strings (item 0 is not a string)",
            DescribeRule(ValidRule.Replace("[\"u\"]", "[null]", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("{\"priority\":10,}")]
    [InlineData("{\"priority\":10 /* ten */}")]
    [InlineData("{\"priority\":10")]
    [InlineData("{'priority':10}")]
    [InlineData("")]
    public void Deserialize_NotJson_IsReportedForTheBody(string json)
    {
        Assert.StartsWith("body: is not valid JSON", DescribeRule(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_NotJson_GivesLineAndPosition()
    {
        Assert.Equal("body: is not valid JSON (line 2, position 15)", DescribeRule("{\n  \"priority\": x}"));
    }

    [Fact]
    public void Deserialize_BodyIsAnArray_IsReportedForTheBody()
    {
        Assert.Equal("body: must be a JSON object with the documented fields", DescribeRule("[1]"));
    }

    [Fact]
    public void Deserialize_NestedDeeperThanTheLimit_IsRefused()
    {
        var deep = "{\"context\":" + string.Concat(Enumerable.Repeat("{\"a\":", RiskJsonContext.MaxDepth)) + "1"
            + new string('}', RiskJsonContext.MaxDepth + 1);

        var message = Describe(deep, RiskJsonContext.Default.TriggerActionRequest);

        Assert.Equal("body: must not nest deeper than 16 levels", message);
    }

    [Fact]
    public void Deserialize_MatcherListNotAnArray_NamesTheList()
    {
        Assert.Equal("matcher.user_ids: must be an array of strings",
            DescribeRule(ValidRule.Replace("[\"u\"]", "\"u\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Deserialize_WrongTypeDeepInTransaction_NamesTheWirePath()
    {
        const string json = """{"action_type":"checkout","transaction_data":{"purchase":{"products":[{"id":"p"},{"price":"9.99"}]}}}""";

        Assert.Equal("transaction_data.purchase.products[1].price: must be a number",
            Describe(json, RiskJsonContext.Default.TriggerActionRequest));
    }

    [Fact]
    public void Deserialize_NullForANonNullableResponseField_IsRejected()
    {
        const string json = """{"message":"ok","rule_id":null}""";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, RiskJsonContext.Default.CreateRuleResponse));
    }

    [Fact]
    public void Describe_HostileUnknownKey_IsTruncatedInTheMessage()
    {
        var key = new string('k', 10_000);

        var message = DescribeRule(ValidRule.Replace("user_ids", key, StringComparison.Ordinal));

        Assert.Equal("matcher." + new string('k', 64) + "…: is not a known field", message);
    }

    [Fact]
    public void Describe_BadTimestamp_SaysWhatIsExpected()
    {
        const string json = """{"transaction_token":"t","fraud_status":"FRAUDULENT","created_at":"yesterday"}""";

        Assert.Equal("created_at: must be an ISO 8601 date and time", Describe(json, RiskJsonContext.Default.LithicFraudReport));
    }

    private static string DescribeRule(string json) => Describe(json, RiskJsonContext.Default.RuleRequest);

    private static string Describe<T>(string json, JsonTypeInfo<T> typeInfo)
    {
        var ex = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, typeInfo));
        return JsonReadErrors.Describe(ex, typeInfo).ToString();
    }
}
