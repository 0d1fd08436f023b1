using System.Text.Json;
using RiskFunctions.Handler.Hosting.Invocations;

namespace RiskFunctions.Handler.Tests.Hosting.Invocations;

public sealed class InvocationValueTests
{
    [Theory]
    [InlineData("\"\\\"4e77\\\"\"", JsonValueKind.String, "4e77")]
    [InlineData("\"1\"", JsonValueKind.Number, "1")]
    [InlineData("\"true\"", JsonValueKind.True, "true")]
    [InlineData("\"2026-03-04T05:06:07\"", JsonValueKind.String, "2026-03-04T05:06:07")]
    [InlineData("{\"a\":1}", JsonValueKind.Object, "{\"a\":1}")]
    public void Decode_HostEncodedValue_ReturnsTheTriggerValue(string encoded, JsonValueKind kind, string expected)
    {
        using var document = JsonDocument.Parse(encoded);

        var value = InvocationValue.Decode(document.RootElement);

        Assert.Equal(kind, value.ValueKind);
        Assert.Equal(expected, kind == JsonValueKind.String ? value.GetString() : value.GetRawText());
    }

    [Fact]
    public void DecodeString_NumberOrString_GivesText()
    {
        using var number = JsonDocument.Parse("\"17\"");
        using var text = JsonDocument.Parse("\"\\\"abc\\\"\"");

        Assert.Equal("17", InvocationValue.DecodeString(number.RootElement));
        Assert.Equal("abc", InvocationValue.DecodeString(text.RootElement));
    }
}
