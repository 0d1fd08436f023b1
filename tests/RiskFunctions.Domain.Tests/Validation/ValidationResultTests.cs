using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Tests.Validation;

public sealed class ValidationResultTests
{
    [Fact]
    public void New_NothingChecked_IsValid()
    {
        var result = new ValidationResult();

        Assert.True(result.IsValid);
        Assert.Empty(result.Messages);
    }

    [Fact]
    public void Messages_SeveralProblems_ListsEachAsFieldColonProblemInOrder()
    {
        var result = new ValidationResult();

        result.Required("subject.type", (string?)null);
        result.MaxLength("subject.value", new string('x', 11), 10);

        Assert.False(result.IsValid);
        Assert.Equal(["subject.type: is required", "subject.value: must be at most 10 characters"], result.Messages);
        Assert.Equal(new FieldError("subject.type", "is required"), result.Errors[0]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Required_MissingOrBlankString_Fails(string? value)
    {
        var result = new ValidationResult();

        Assert.False(result.Required("action_type", value));
        Assert.Equal(["action_type: is required"], result.Messages);
    }

    [Fact]
    public void Required_PresentValues_Pass()
    {
        var result = new ValidationResult();

        Assert.True(result.Required("a", "x"));
        Assert.True(result.Required("b", (int?)0));
        Assert.True(result.Required("c", new object()));
        Assert.False(result.Required("d", (bool?)null));
        Assert.Equal(["d: is required"], result.Messages);
    }

    [Fact]
    public void Checks_AbsentOptionalValue_Pass()
    {
        var result = new ValidationResult();

        Assert.True(result.MaxLength("a", null, 1));
        Assert.True(result.Length("a", null, 2, 2));
        Assert.True(result.Range("a", (long?)null, 1, 2));
        Assert.True(result.PositiveAtMost("a", null, 1m));
        Assert.True(result.OneOf("a", null, ["x"]));
        Assert.True(result.CountryCode("a", null));
        Assert.True(result.CurrencyCode("a", null));
        Assert.True(result.NotEmpty<string>("a", null));
        Assert.True(result.NoControlCharacters("a", null));
        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("abc", 2, 4, true, null)]
    [InlineData("a", 2, 4, false, "f: must be between 2 and 4 characters")]
    [InlineData("abcde", 2, 4, false, "f: must be between 2 and 4 characters")]
    [InlineData("USD1", 3, 3, false, "f: must be exactly 3 characters")]
    public void Length_Bounds_AreInclusive(string value, int min, int max, bool valid, string? message)
    {
        var result = new ValidationResult();

        Assert.Equal(valid, result.Length("f", value, min, max));
        Assert.Equal(message is null ? [] : [message], result.Messages);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    public void Range_Priority_IsInclusive(long priority, bool valid)
    {
        var result = new ValidationResult();

        Assert.Equal(valid, result.Range("priority", priority, 1, 1000));
        if (!valid)
        {
            Assert.Equal(["priority: must be between 1 and 1000"], result.Messages);
        }
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("-1", false)]
    [InlineData("0.01", true)]
    [InlineData("999999999.99", true)]
    [InlineData("1000000000", false)]
    public void PositiveAtMost_Amount_ExcludesZeroIncludesMaximum(string amount, bool valid)
    {
        var result = new ValidationResult();

        Assert.Equal(valid, result.PositiveAtMost("transaction_data.amount", decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), 999_999_999.99m));
        if (!valid)
        {
            Assert.Equal(["transaction_data.amount: must be greater than 0 and at most 999999999.99"], result.Messages);
        }
    }

    [Fact]
    public void Range_Double_UsesInvariantFormatting()
    {
        var result = new ValidationResult();

        result.Range("risk_score", 100.5, 0.5, 100.25);

        Assert.Equal(["risk_score: must be between 0.5 and 100.25"], result.Messages);
    }

    [Fact]
    public void OneOf_OtherCasing_FailsListingTheSpellings()
    {
        var result = new ValidationResult();

        Assert.False(result.OneOf("result", "Success", ["success", "failure"]));
        Assert.Equal(["result: must be one of success, failure"], result.Messages);
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("line\nbreak")]
    [InlineData("tab\t")]
    [InlineData("\u007f")]
    public void NoControlCharacters_ControlCharacter_Fails(string value)
    {
        var result = new ValidationResult();

        Assert.False(result.NoControlCharacters("user_id", value));
        Assert.Equal(["user_id: must not contain control characters"], result.Messages);
    }

    [Fact]
    public void Identifier_ChecksPresenceLengthAndControlCharactersStoppingAtTheFirst()
    {
        var result = new ValidationResult();

        Assert.True(result.Identifier("a", "u-1", 8));
        Assert.False(result.Identifier("b", null, 8));
        Assert.False(result.Identifier("c", "123456789", 8));
        Assert.False(result.Identifier("d", "u\r1", 8));

        Assert.Equal(
            ["b: is required", "c: must be at most 8 characters", "d: must not contain control characters"],
            result.Messages);
    }

    [Fact]
    public void Collections_EmptyTooManyAndNullItems_AreNamed()
    {
        var result = new ValidationResult();

        result.NotEmpty("matcher.user_ids", Array.Empty<string>());
        result.MaxCount("matcher.user_ids", new[] { "a", "b", "c" }, 2);
        result.NoNullItems("transaction_data.purchase.products", new object?[] { new(), null, null });

        Assert.Equal(
            [
                "matcher.user_ids: must not be empty",
                "matcher.user_ids: must have at most 2 items",
                "transaction_data.purchase.products[1]: must not be null",
                "transaction_data.purchase.products[2]: must not be null",
            ],
            result.Messages);
    }

    [Fact]
    public void OnlyAllowed_PresentField_SaysWhenItIsAllowed()
    {
        var result = new ValidationResult();

        Assert.True(result.OnlyAllowed("subject.recommendations", present: false, "when subject.type is FRAUD_RING_ID"));
        Assert.False(result.OnlyAllowed("subject.recommendations", present: true, "when subject.type is FRAUD_RING_ID"));

        Assert.Equal(["subject.recommendations: is only allowed when subject.type is FRAUD_RING_ID"], result.Messages);
    }

    [Fact]
    public void Merge_OtherResult_AppendsItsErrors()
    {
        var result = new ValidationResult();
        var payer = new ValidationResult();
        payer.CountryCode("transaction_data.payer.accountCountryCode", "XX");

        Assert.False(result.Merge(payer));
        Assert.Single(result.Errors);
        Assert.True(result.Merge(new ValidationResult()));
    }

    [Fact]
    public void FieldPath_CombineAndIndex_BuildWirePaths()
    {
        Assert.Equal("transaction_data.payer", FieldPath.Combine("transaction_data", "payer"));
        Assert.Equal("payer", FieldPath.Combine("", "payer"));
        Assert.Equal("matcher.ip_cidrs[3]", FieldPath.Index("matcher.ip_cidrs", 3));
    }
}
