using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RiskFunctions.Domain.Validation;

/// <summary>
/// Collects every problem with a request, so that one answer lists them all instead of the first only.
/// The checks return whether the value passed, which lets a caller skip checks that only make sense on a
/// valid value; absent optional values pass every check except <see cref="Required(string, string?)"/>.
/// </summary>
/// <example>
/// <code>
/// var result = new ValidationResult();
/// if (result.Required("action_type", request.ActionType))
/// {
///     result.Length("action_type", request.ActionType, 1, 64);
/// }
/// result.CountryCode("transaction_data.payer.accountCountryCode", payer.AccountCountryCode);
/// if (!result.IsValid) { /* 400 with result.Messages */ }
/// </code>
/// </example>
public sealed class ValidationResult
{
    private readonly List<FieldError> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public IReadOnlyList<FieldError> Errors => _errors;

    /// <summary>The errors as clients see them: <c>"&lt;field&gt;: &lt;what is wrong&gt;"</c>, in the order found.</summary>
    public IReadOnlyList<string> Messages => _errors.ConvertAll(e => e.ToString());

    /// <summary>Records a problem the built-in checks do not cover. Always returns <c>false</c>.</summary>
    public bool Add(string field, string message)
    {
        _errors.Add(new FieldError(field, message));
        return false;
    }

    /// <inheritdoc cref="Add(string, string)"/>
    public bool Add(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _errors.Add(error);
        return false;
    }

    /// <summary>Adds every error of <paramref name="other"/>; returns whether it had none.</summary>
    public bool Merge(ValidationResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _errors.AddRange(other._errors);
        return other.IsValid;
    }

    /// <summary>A missing, empty or all-whitespace string is missing.</summary>
    public bool Required(string field, [NotNullWhen(true)] string? value) =>
        !string.IsNullOrWhiteSpace(value) || Add(field, "is required");

    public bool Required<T>(string field, [NotNullWhen(true)] T? value)
        where T : class =>
        value is not null || Add(field, "is required");

    public bool Required<T>(string field, [NotNullWhen(true)] T? value)
        where T : struct =>
        value.HasValue || Add(field, "is required");

    /// <summary>A field that must be absent in this request, e.g. because another field excludes it.</summary>
    /// <param name="field">The field that must be absent.</param>
    /// <param name="present">Whether the request carries it.</param>
    /// <param name="when">Why it is not allowed, following "is only allowed": <c>when subject.type is CAMPAIGN_ID</c>.</param>
    public bool OnlyAllowed(string field, bool present, string when) =>
        !present || Add(field, "is only allowed " + when);

    public bool MaxLength(string field, string? value, int max) =>
        value is null || value.Length <= max || Add(field, Format($"must be at most {max} characters"));

    public bool Length(string field, string? value, int min, int max)
    {
        if (value is null || (value.Length >= min && value.Length <= max))
        {
            return true;
        }

        return Add(field, min == max
            ? Format($"must be exactly {min} characters")
            : Format($"must be between {min} and {max} characters"));
    }

    /// <summary>Control characters (including CR, LF and NUL) are never valid in identifiers.</summary>
    public bool NoControlCharacters(string field, string? value) =>
        value is null || !value.Any(char.IsControl) || Add(field, "must not contain control characters");

    /// <summary>
    /// The usual check for free text (a comment, a reason): at most <paramref name="maxLength"/>, no control characters
    /// except the line breaks and tabs text may carry.
    /// </summary>
    public bool Text(string field, string? value, int maxLength) =>
        MaxLength(field, value, maxLength)
        && (value is null
            || !value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            || Add(field, "must not contain control characters other than line breaks and tabs"));

    /// <summary>The usual check for an identifier: required, at most <paramref name="maxLength"/>, no control characters.</summary>
    public bool Identifier(string field, [NotNullWhen(true)] string? value, int maxLength) =>
        Required(field, value) && MaxLength(field, value, maxLength) && NoControlCharacters(field, value);

    public bool Range(string field, long? value, long min, long max) =>
        value is null || (value >= min && value <= max) || Add(field, Format($"must be between {min} and {max}"));

    public bool Range(string field, decimal? value, decimal min, decimal max) =>
        value is null || (value >= min && value <= max) || Add(field, Format($"must be between {min} and {max}"));

    public bool Range(string field, double? value, double min, double max) =>
        value is null || (value >= min && value <= max) || Add(field, Format($"must be between {min} and {max}"));

    public bool AtLeast(string field, long? value, long min) =>
        value is null || value >= min || Add(field, Format($"must be at least {min}"));

    public bool AtLeast(string field, decimal? value, decimal min) =>
        value is null || value >= min || Add(field, Format($"must be at least {min}"));

    /// <summary>A strictly positive amount no larger than <paramref name="max"/> (the contract's <c>exclusiveMinimum: 0</c>).</summary>
    public bool PositiveAtMost(string field, decimal? value, decimal max) =>
        value is null || (value > 0 && value <= max) || Add(field, Format($"must be greater than 0 and at most {max}"));

    /// <summary>Membership in a fixed set of spellings (ordinal, case-sensitive).</summary>
    public bool OneOf(string field, string? value, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        return value is null || allowed.Contains(value, StringComparer.Ordinal)
            || Add(field, "must be one of " + string.Join(", ", allowed));
    }

    /// <summary>
    /// Every item present. The JSON reader refuses null strings in arrays but cannot refuse null objects, so
    /// check arrays of objects with this before looking into their items.
    /// </summary>
    public bool NoNullItems<T>(string field, IReadOnlyList<T?>? items)
        where T : class
    {
        var valid = true;
        for (var i = 0; items is not null && i < items.Count; i++)
        {
            if (items[i] is null)
            {
                valid = Add(FieldPath.Index(field, i), "must not be null");
            }
        }

        return valid;
    }

    public bool NotEmpty<T>(string field, IReadOnlyCollection<T>? items) =>
        items is null || items.Count > 0 || Add(field, "must not be empty");

    public bool MaxCount<T>(string field, IReadOnlyCollection<T>? items, int max) =>
        items is null || items.Count <= max || Add(field, Format($"must have at most {max} items"));

    /// <summary>An officially assigned ISO 3166-1 alpha-2 code, upper case (<see cref="IsoCountryCodes"/>).</summary>
    public bool CountryCode(string field, string? value) =>
        value is null || IsoCountryCodes.IsValid(value)
        || Add(field, "must be an ISO 3166-1 alpha-2 country code in upper case, e.g. US");

    /// <summary>An active ISO 4217 alphabetic code, upper case (<see cref="IsoCurrencyCodes"/>).</summary>
    public bool CurrencyCode(string field, string? value) =>
        value is null || IsoCurrencyCodes.IsValid(value)
        || Add(field, "must be an ISO 4217 currency code in upper case, e.g. USD");

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
