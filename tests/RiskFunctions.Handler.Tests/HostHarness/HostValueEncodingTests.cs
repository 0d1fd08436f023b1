using System.Text.Json.Nodes;
using RiskFunctions.Testing.Host;

namespace RiskFunctions.Handler.Tests.HostHarness;

/// <summary>The harness encodes envelope values as the host's Newtonsoft-based encoding does.</summary>
public sealed class HostValueEncodingTests
{
    [Fact]
    public void Encode_String_IsJsonTextInsideAString()
    {
        Assert.Equal("\"4e77\"", HostValueEncoding.Encode("4e77")!.GetValue<string>());
    }

    [Fact]
    public void Encode_NonAsciiString_IsNotEscaped()
    {
        Assert.Equal("\"é\"", HostValueEncoding.Encode("é")!.GetValue<string>());
    }

    [Fact]
    public void Encode_Number_IsItsJsonTextAsAString()
    {
        Assert.Equal("1", HostValueEncoding.Encode(1)!.GetValue<string>());
        Assert.Equal("42", HostValueEncoding.Encode(42L)!.GetValue<string>());
    }

    [Fact]
    public void Encode_Bytes_IsBase64()
    {
        Assert.Equal("AP9/", HostValueEncoding.Encode(new byte[] { 0x00, 0xff, 0x7f })!.GetValue<string>());
    }

    [Fact]
    public void Encode_DateTime_IsIsoWithoutZoneAtSecondPrecision()
    {
        var value = HostValueEncoding.Encode(new DateTime(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc));

        Assert.Equal("2026-03-04T05:06:07", value!.GetValue<string>());
    }

    [Fact]
    public void Encode_Dictionary_IsNestedJsonWithPlainValues()
    {
        var value = HostValueEncoding.Encode(new Dictionary<string, object?> { ["tenant"] = "t-1", ["n"] = 2 });

        var json = Assert.IsType<JsonObject>(value);
        Assert.Equal("t-1", json["tenant"]!.GetValue<string>());
        Assert.Equal(2, json["n"]!.GetValue<int>());
    }

    [Fact]
    public void EncodeAll_NullValues_AreLeftOut()
    {
        var encoded = HostValueEncoding.EncodeAll(new Dictionary<string, object?> { ["CorrelationId"] = null, ["MessageId"] = "m" });

        Assert.Equal(["MessageId"], encoded.Select(p => p.Key));
    }
}
