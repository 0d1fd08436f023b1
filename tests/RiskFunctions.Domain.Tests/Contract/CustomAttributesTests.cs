using System.Text.Json;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Actions;

namespace RiskFunctions.Domain.Tests.Contract;

public sealed class CustomAttributesTests
{
    [Fact]
    public void Deserialize_ValuesOfEveryAllowedKind_AreKept()
    {
        var request = Read("""{"plan":"gold","age":412,"ratio":0.25,"vip":true,"churned":false}""");

        var attributes = request.CustomAttributes!;
        Assert.Equal("gold", attributes["plan"].AsString());
        Assert.Equal(412, attributes["age"].AsNumber());
        Assert.Equal(0.25, attributes["ratio"].AsNumber());
        Assert.True(attributes["vip"].AsBoolean());
        Assert.False(attributes["churned"].AsBoolean());
    }

    [Fact]
    public void Deserialize_ValuesOfOtherShapes_AreDroppedAndTheRestKept()
    {
        var request = Read("""{"nested":{"a":{"b":1}},"list":[1,2],"nothing":null,"plan":"gold"}""");

        Assert.Equal(["plan"], request.CustomAttributes!.Keys);
    }

    [Theory]
    [InlineData("\"plan=gold\"")]
    [InlineData("[1,2]")]
    [InlineData("42")]
    public void Deserialize_NotAnObject_IsIgnoredAndTheActionStillReads(string value)
    {
        var request = Read(value);

        Assert.Null(request.CustomAttributes);
        Assert.Equal("login", request.ActionType);
    }

    [Fact]
    public void Serialize_KeptAttributes_AreWrittenWithTheirJsonTypes()
    {
        var request = new TriggerActionRequest
        {
            CustomAttributes = new Dictionary<string, CustomAttributeValue>
            {
                ["plan"] = CustomAttributeValue.FromString("gold"),
                ["age"] = CustomAttributeValue.FromNumber(412),
                ["vip"] = CustomAttributeValue.FromBoolean(true),
            },
        };

        var json = JsonSerializer.Serialize(request, RiskJsonContext.Default.TriggerActionRequest);

        Assert.Equal("""{"custom_attributes":{"plan":"gold","age":412,"vip":true}}""", json);
    }

    [Fact]
    public void Value_WrongAccessor_Throws()
    {
        var value = CustomAttributeValue.FromString("gold");

        Assert.Throws<InvalidOperationException>(() => value.AsNumber());
        Assert.Throws<ArgumentOutOfRangeException>(() => CustomAttributeValue.FromNumber(double.NaN));
        Assert.Equal("true", CustomAttributeValue.FromBoolean(true).ToString());
        Assert.Equal("0.25", CustomAttributeValue.FromNumber(0.25).ToString());
    }

    private static TriggerActionRequest Read(string attributes) =>
        JsonSerializer.Deserialize(
            $$"""{"custom_attributes":{{attributes}},"action_type":"login"}""",
            RiskJsonContext.Default.TriggerActionRequest)!;
}
