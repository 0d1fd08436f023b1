using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Tests.TableSupport;

public sealed class TableKeyEncoderTests
{
    public static TheoryData<string> Values =>
    [
        "",
        "plain-value_123",
        "a/b\\c#d?e",
        "100%",
        "%25",
        "%u0041",
        "tenant|kind",
        "\u0000\u0001\u001f\u007f\u0080\u009f",
        "Ünïcødé 日本語 🔥",
        "lone \ud800 high",
        "lone \udc00 low",
        "reversed \udc00\ud800 pair",
        "end with high \ud83d",
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void Encode_AnyValue_DecodesBackExactly(string value)
    {
        Assert.Equal(value, TableKeyEncoder.Decode(TableKeyEncoder.Encode(value)));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Encode_AnyValue_IsAValidKeyWithoutSeparator(string value)
    {
        var encoded = TableKeyEncoder.Encode(value);

        Assert.True(TableKeyEncoder.IsValidKey(encoded), encoded);
        Assert.DoesNotContain(TableKeyEncoder.Separator, encoded);
        Assert.Equal(encoded.Length, System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(encoded)).Length);
    }

    [Fact]
    public void Encode_RandomStrings_RoundTrip()
    {
        var random = new Random(20251121);
        for (var i = 0; i < 2_000; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = (char)random.Next(0, 0x10000);
            }

            var value = new string(chars);
            var encoded = TableKeyEncoder.Encode(value);
            Assert.True(TableKeyEncoder.IsValidKey(encoded));
            Assert.Equal(value, TableKeyEncoder.Decode(encoded));
        }
    }

    [Fact]
    public void Encode_OrdinaryValue_IsUnchanged()
    {
        const string value = "user@example.com 203.0.113.7 Mozilla/5.0";

        Assert.Equal("user@example.com 203.0.113.7 Mozilla%2F5.0", TableKeyEncoder.Encode(value));
        Assert.Same("abc-DEF_1.2", TableKeyEncoder.Encode("abc-DEF_1.2"));
    }

    [Fact]
    public void Encode_ForbiddenCharacters_UsePercentHex()
    {
        Assert.Equal("%2F%5C%23%3F%25%7C%00%1F%7F%9F%uD800", TableKeyEncoder.Encode("/\\#?%|\u0000\u001f\u007f\u009f\ud800"));
    }

    [Fact]
    public void Encode_Prefix_IsPrefixOfEncodedValue()
    {
        Assert.StartsWith(TableKeyEncoder.Encode("user/"), TableKeyEncoder.Encode("user/123#x"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("%2")]
    [InlineData("%zz")]
    [InlineData("%u12")]
    [InlineData("%u12G4")]
    public void Decode_MalformedEscape_Throws(string encoded)
    {
        Assert.Throws<FormatException>(() => TableKeyEncoder.Decode(encoded));
    }

    [Fact]
    public void JoinSplit_ComponentsWithSeparator_StayDistinct()
    {
        var a = TableKeyEncoder.Join("t1", "a|b", "c");
        var b = TableKeyEncoder.Join("t1", "a", "b|c");

        Assert.NotEqual(a, b);
        Assert.Equal(["t1", "a|b", "c"], TableKeyEncoder.Split(a));
        Assert.Equal(["t1", "a", "b|c"], TableKeyEncoder.Split(b));
        Assert.Equal("t1|a%7Cb|c", a);
    }

    [Fact]
    public void IndexOfForbidden_PercentAndSeparator_AreAllowedInKeys()
    {
        Assert.Equal(-1, TableKeyEncoder.IndexOfForbidden("50%|x"));
        Assert.Equal(2, TableKeyEncoder.IndexOfForbidden("ab/c"));
    }
}
