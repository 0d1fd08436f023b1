using System.Text;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Rules.Requests;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Tests.Contract;

/// <summary>One answer lists every refused field, and the validator still checks what could be read.</summary>
public sealed class ContractReaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_RuleWithTwoBadEnumsAndTwoBadValues_ReportsAllFour()
    {
        var read = Read("""{"priority":5000,"matcher":{"ip_cidrs":["10.0.0.0/99"]},"recommendation":"BLOCK","enabled":true,"mode":"LIVE"}""",
            RiskJsonContext.Default.RuleRequest);
        var validation = RuleRequestValidator.Validate(read.Value!, out _);

        var messages = read.Merge(validation.Errors).Select(e => e.ToString()).ToList();

        Assert.Equal(4, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("recommendation: must be one of", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("mode: must be one of", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("priority: ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("matcher.ip_cidrs", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_LabelWithFourBadEnums_ReportsEachField()
    {
        var read = Read("""{"label_type":"X","subject":{"type":"Y","value":"u"},"use_case":"Z","source":"W"}""",
            RiskJsonContext.Default.LabelRequest);

        Assert.Equal(["label_type", "source", "subject.type", "use_case"], read.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(read.Errors, e => Assert.StartsWith("must be one of", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Merge_ValidatorComplainsAboutARefusedField_KeepsOnlyTheRefusal()
    {
        var read = Read("""{"label_type":"X","subject":{"type":"USER_ID","value":"u"}}""", RiskJsonContext.Default.LabelRequest);
        var validation = new ValidationResult();
        LabelRequestValidator.Validate(read.Value, "label-1", Now, validation);

        var merged = read.Merge(validation.Errors);

        Assert.Single(merged, e => e.Field == "label_type");
        Assert.StartsWith("must be one of", merged.Single(e => e.Field == "label_type").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ByteOrderMark_IsSkipped()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"action_token":"t","result":"success"}""")).ToArray();

        var read = ContractReader.Read(body, RiskJsonContext.Default.ActionResultRequest);

        Assert.True(read.IsComplete);
    }

    [Theory]
    [InlineData("", "body: is required: a JSON object")]
    [InlineData("null", "body: must be a JSON object, not null")]
    [InlineData("{\"result\":", "body: is not valid JSON")]
    public void Read_NoUsableObject_ReportsTheBodyOnce(string body, string expected)
    {
        var read = Read(body, RiskJsonContext.Default.ActionResultRequest);

        Assert.Null(read.Value);
        Assert.StartsWith(expected, Assert.Single(read.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NumberBeyondDecimal_IsOutOfRangeNotTheWrongType()
    {
        var read = Read("""{"action_type":"transaction","transaction_data":{"amount":1e400}}""", RiskJsonContext.Default.TriggerActionRequest);

        Assert.Equal("transaction_data.amount: is out of range", Assert.Single(read.Errors).ToString());
    }

    [Fact]
    public void Read_AmountAsString_StillMustBeANumber()
    {
        var read = Read("""{"action_type":"transaction","transaction_data":{"amount":"12"}}""", RiskJsonContext.Default.TriggerActionRequest);

        Assert.Equal("transaction_data.amount: must be a number", Assert.Single(read.Errors).ToString());
    }

    [Fact]
    public void Read_RuleWithUnknownFieldsAndBadPriority_ReportsEveryOneAtOnce()
    {
        var read = Read("""{"Name":"n","priorty":3,"priority":0,"matcher":{"user_ids":["u"]},"recommendation":"DENY","enabled":true,"mode":"PRODUCTION","note":"x"}""",
            RiskJsonContext.Default.RuleRequest);
        var validation = RuleRequestValidator.Validate(read.Value!, out var draft);

        var messages = read.Merge(validation.Errors).Select(e => e.ToString()).ToList();

        Assert.Equal(
            [
                "Name: is not a known field (field names are case-sensitive): did you mean name?",
                "priorty: is not a known field: did you mean priority?",
                "note: is not a known field",
                "priority: must be between 1 and 1000",
            ],
            messages);
        Assert.Null(draft);
    }

    [Fact]
    public void Read_ManyBadFields_StopsAtTheReportLimit()
    {
        var fields = string.Join(',', Enumerable.Range(0, 100).Select(i => $"\"unknown{i}\":1"));

        var read = Read("{\"matcher\":{" + fields + "}}", RiskJsonContext.Default.RuleRequest);

        Assert.Equal(ContractReader.MaxReportedFields, read.Errors.Count);
        Assert.All(read.Errors, e => Assert.Equal("is not a known field", e.Message));
    }

    [Fact]
    public void Read_BadArrayItem_ReportsTheItemAndDropsItsArray()
    {
        var read = Read("""{"matcher":{"user_ids":["u",7]},"recommendation":"NOPE"}""", RiskJsonContext.Default.RuleRequest);

        Assert.Equal(["matcher.user_ids", "recommendation"], read.Errors.Select(e => e.Field).ToArray());
        Assert.NotNull(read.Value);
        Assert.Null(read.Value!.Matcher!.UserIds);
    }

    private static ContractRead<T> Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class => ContractReader.Read(Encoding.UTF8.GetBytes(json), type);
}
