using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Tests.TableSupport;

public sealed class TableFilterTests
{
    private enum Kind
    {
        Ip,
    }

    [Fact]
    public void Create_StringWithQuotes_DoublesQuotesInsideOneLiteral()
    {
        var hostile = "' or PartitionKey ne '";

        var filter = TableFilter.Create($"PartitionKey eq {hostile}");

        Assert.Equal("PartitionKey eq ''' or PartitionKey ne '''", filter);
    }

    [Fact]
    public void Create_EveryLiteralType_FormatsAsODataLiteral()
    {
        var at = new DateTimeOffset(2008, 7, 10, 2, 0, 0, TimeSpan.FromHours(2)).AddTicks(5);
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        var filter = TableFilter.Create(
            $"S eq {"x"} and I eq {42} and L eq {5L} and D eq {3.0} and F eq {0.5} and B eq {true} and T ge {at} and G eq {id} and X eq {new byte[] { 10, 171 }} and E eq {Kind.Ip}");

        Assert.Equal(
            "S eq 'x' and I eq 42 and L eq 5L and D eq 3.0 and F eq 0.5 and B eq true and T ge datetime'2008-07-10T00:00:00.0000005Z' and G eq guid'0f8fad5b-d9cb-469f-a165-70867728950e' and X eq X'0aab' and E eq 'Ip'",
            filter);
    }

    [Fact]
    public void Create_NegativeAndExponentNumbers_StayNumericLiterals()
    {
        Assert.Equal("A eq -7 and B eq -9223372036854775808L and C eq 1E+20 and D eq -0.25",
            TableFilter.Create($"A eq {-7} and B eq {long.MinValue} and C eq {1e20} and D eq {-0.25}"));
    }

    [Fact]
    public void Create_BracesInValue_AreNotReinterpretedAsPlaceholders()
    {
        Assert.Equal("A eq '{0}{1}'", TableFilter.Create($"A eq {"{0}{1}"}"));
    }

    [Fact]
    public void Create_NullValue_Throws()
    {
        string? missing = null;

        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {missing}"));
    }

    [Fact]
    public void Create_UnsupportedType_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {1.5m}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {new object()}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {double.NaN}"));
    }

    [Theory]
    [InlineData("O'Brien")]
    [InlineData("''")]
    [InlineData("Zoë Ünal 日本 😀")]
    [InlineData("a\u0000b")]
    public void Create_StringValue_IsTheLiteralTheSdkBuilds(string value)
    {
        Assert.Equal(TableClient.CreateQueryFilter($"A eq {value}"), TableFilter.Create($"A eq {value}"));
    }

    [Fact]
    public void Create_NonAsciiValue_StaysUnescapedInsideTheLiteral()
    {
        var value = "Zoë/日本#😀";

        Assert.Equal("RowKey eq 'Zoë/日本#😀'", TableFilter.Create($"RowKey eq {value}"));
    }

    [Fact]
    public void PrefixRange_Prefix_BoundsWithNextString()
    {
        Assert.Equal("(RowKey ge 'ab' and RowKey lt 'ac')", TableFilter.PrefixRange("RowKey", "ab"));
    }

    [Fact]
    public void PrefixRange_PrefixWithQuote_EscapesBothBounds()
    {
        Assert.Equal("(RowKey ge 'O''' and RowKey lt 'O(')", TableFilter.PrefixRange("RowKey", "O'"));
    }

    [Fact]
    public void PrefixRange_EmptyPrefix_MatchesEverything()
    {
        Assert.Equal("RowKey ge ''", TableFilter.PrefixRange("RowKey", string.Empty));
    }

    [Fact]
    public void PrefixUpperBound_TrailingMaxChar_CarriesToPreviousCharacter()
    {
        Assert.Equal("b", TableFilter.PrefixUpperBound("a\uffff"));
        Assert.Null(TableFilter.PrefixUpperBound("\uffff\uffff"));
    }

    [Theory]
    [InlineData("Row Key")]
    [InlineData("1abc")]
    [InlineData("a' or 'b")]
    [InlineData("")]
    public void PrefixRange_InvalidPropertyName_Throws(string propertyName)
    {
        Assert.ThrowsAny<ArgumentException>(() => TableFilter.PrefixRange(propertyName, "x"));
    }

    [Fact]
    public void AndOr_Conditions_AreParenthesized()
    {
        Assert.Equal("(a eq 1) and (b eq 2 or c eq 3)", TableFilter.And("a eq 1", "b eq 2 or c eq 3"));
        Assert.Equal("(a eq 1) or (b eq 2)", TableFilter.Or("a eq 1", "b eq 2"));
        Assert.Throws<ArgumentException>(() => TableFilter.And());
    }
}
