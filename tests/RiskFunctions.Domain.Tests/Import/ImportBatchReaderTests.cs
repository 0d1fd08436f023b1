using System.Text;
using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Import;

namespace RiskFunctions.Domain.Tests.Import;

public sealed class ImportBatchReaderTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private const string Action = """{"type":"action","ref":"evt-1","occurred_at":1700000000000,"action":{"action_type":"login","user_id":"u1","context":{"ip":"192.0.2.1"}}}""";
    private const string Result = """{"type":"result","ref":"evt-1","occurred_at":1700000001000,"result":{"result":"success"}}""";
    private const string Label = """{"type":"label","occurred_at":1700000002000,"action_ref":"evt-1","label":{"label_type":"CONFIRMED_FRAUD","subject":{"type":"ACTION_ID"}}}""";

    [Fact]
    public void Read_ActionResultAndLabel_GivesEntriesInOrder()
    {
        var batch = Read(Action, Result, "", "   ", Label);

        Assert.True(batch.Problems.IsValid, string.Join("; ", batch.Problems.Messages));
        Assert.Equal([1, 2, 5], batch.Entries.Select(e => e.Line));
        Assert.Equal([ImportLineType.Action, ImportLineType.Result, ImportLineType.Label], batch.Entries.Select(e => e.Value.Type!.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), batch.Entries[0].OccurredAt);
        Assert.Equal(("u1", "evt-1", LabelSubjectType.ActionId), (batch.Entries[0].Value.Action!.UserId, batch.Entries[2].Value.ActionRef, batch.Entries[2].Value.Label!.Subject!.Type!.Value));
    }

    [Fact]
    public void Read_CarriageReturnLineEndings_AreAccepted() =>
        Assert.True(ImportBatchReader.Read(Encoding.UTF8.GetBytes(Action + "\r\n" + Result + "\r\n"), Now).Problems.IsValid);

    [Theory]
    [InlineData("""{"type":"action","ref":"e","occurred_at":1700000000000}""", "lines[1].action: is required on a action line")]
    [InlineData("""{"type":"action","occurred_at":1700000000000,"action":{"action_type":"login"}}""", "lines[1].ref: is required: the caller's id of the action")]
    [InlineData("""{"type":"action","ref":"e","action":{"action_type":"login"}}""", "lines[1].occurred_at: is required (Unix epoch milliseconds of when it originally happened)")]
    [InlineData("""{"type":"action","ref":"e","occurred_at":"2023-11-14T22:13:20Z","action":{"action_type":"login"}}""", "lines[1].occurred_at: must be a whole number in range")]
    [InlineData("""{"type":"action","ref":"e","occurred_at":900000000000,"action":{"action_type":"login"}}""", "lines[1].occurred_at: must be Unix epoch milliseconds between 2000-01-01 and now")]
    [InlineData("""{"type":"action","ref":"e","occurred_at":1717243500001,"action":{"action_type":"login"}}""", "lines[1].occurred_at: must be Unix epoch milliseconds between 2000-01-01 and now")]
    [InlineData("""{"type":"action","ref":"e","occured_at":1700000000000,"action":{"action_type":"login"}}""", "lines[1].occured_at: is not a known field: did you mean occurred_at?")]
    [InlineData("""{"type":"ACTION","ref":"e","occurred_at":1700000000000,"action":{}}""", "lines[1].type: must be one of action, result, label")]
    [InlineData("""{"ref":"e","occurred_at":1700000000000,"action":{}}""", "lines[1].type: is required: must be one of action, result, label")]
    [InlineData("""{"type":"result","ref":"e","occurred_at":1700000000000,"result":{"result":"success"},"action":{}}""", "lines[1].action: is not allowed on a result line")]
    [InlineData("""{"type":"result","ref":"e","occurred_at":1700000000000,"result":{"result":"success","action_token":"abc"}}""", "lines[1].result.action_token: is not used on import: ref names the imported action")]
    [InlineData("""{"type":"action","ref":"e","action_ref":"x","occurred_at":1700000000000,"action":{}}""", "lines[1].action_ref: is only allowed on label lines")]
    [InlineData("""{"type":"label","occurred_at":1700000000000,"action_ref":"x","label":{"subject":{"type":"USER_ID","value":"u"}}}""", "lines[1].action_ref: is only allowed when label.subject.type is ACTION_ID")]
    [InlineData("""{"type":"label","occurred_at":1700000000000,"action_ref":"x","label":{"subject":{"type":"ACTION_ID","value":"t"}}}""", "lines[1].action_ref: must not be combined with label.subject.value: give one or the other")]
    [InlineData("""{"type":"action","ref":"a\u0000b","occurred_at":1700000000000,"action":{}}""", "lines[1].ref: must be 1 to 256 characters without control characters")]
    [InlineData("""{"type":"action","ref":"e","occurred_at":1700000000000,"action":{"action_type":7}}""", "lines[1].action.action_type: must be a string")]
    [InlineData("""{"type":"action",""", "lines[1]: is not valid JSON (line 1, position 17)")]
    [InlineData("null", "lines[1]: must be a JSON object with type, occurred_at and the payload of that type")]
    [InlineData("[]", "lines[1]: must be a JSON object with the documented fields")]
    public void Read_BadLine_NamesLineAndField(string line, string message)
    {
        var batch = Read(line);
        Assert.Equal([message], batch.Problems.Messages);
        Assert.Empty(batch.Entries);
    }

    [Fact]
    public void Read_LinesOutOfTimeOrder_NamesTheLineAndItsPredecessor()
    {
        var batch = Read(Result, Action);
        Assert.Equal(["lines[2].occurred_at: must not be earlier than line 1's: lines must be in the order they happened"], batch.Problems.Messages);
    }

    [Fact]
    public void Read_SeveralBadLines_ReportsEveryOne()
    {
        var batch = Read(Action, "{", Result, """{"type":"label"}""");
        Assert.Equal(3, batch.Problems.Errors.Count);
        Assert.All(batch.Problems.Messages, m => Assert.Matches(@"^lines\[(2|4)\]", m));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \r\n")]
    public void Read_NoLines_IsRejected(string body) =>
        Assert.Equal(["body: must contain at least one line (one JSON object per line)"], ImportBatchReader.Read(Encoding.UTF8.GetBytes(body), Now).Problems.Messages);

    [Fact]
    public void Read_TooManyLines_IsRejectedWithoutReadingThemAll()
    {
        var batch = Read(Enumerable.Repeat(Action, ImportBatchReader.MaxLines + 1).ToArray());
        Assert.Equal(["body: must not have more than 5000 lines; send larger histories in several requests"], batch.Problems.Messages);
        Assert.Empty(batch.Entries);
    }

    private static ImportBatch Read(params string[] lines) =>
        ImportBatchReader.Read(Encoding.UTF8.GetBytes(string.Join('\n', lines)), Now);
}
