using System.Globalization;

namespace RiskFunctions.Domain.Contract.Actions;

/// <summary>The JSON types a custom attribute value may have.</summary>
public enum CustomAttributeKind
{
    String,
    Number,
    Boolean,
}

/// <summary>One value of <c>custom_attributes</c>: a string, a number or a boolean (the seed's <c>oneOf</c>).</summary>
public readonly record struct CustomAttributeValue
{
    private readonly string? _text;
    private readonly double _number;

    private CustomAttributeValue(CustomAttributeKind kind, string? text, double number)
    {
        Kind = kind;
        _text = text;
        _number = number;
    }

    public CustomAttributeKind Kind { get; }

    public static CustomAttributeValue FromString(string value) =>
        new(CustomAttributeKind.String, value ?? throw new ArgumentNullException(nameof(value)), 0);

    /// <exception cref="ArgumentOutOfRangeException">NaN and infinities have no JSON form.</exception>
    public static CustomAttributeValue FromNumber(double value) =>
        double.IsFinite(value)
            ? new(CustomAttributeKind.Number, null, value)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A custom attribute number must be finite.");

    public static CustomAttributeValue FromBoolean(bool value) => new(CustomAttributeKind.Boolean, null, value ? 1 : 0);

    public string AsString() => Kind == CustomAttributeKind.String ? _text! : throw WrongKind(CustomAttributeKind.String);

    public double AsNumber() => Kind == CustomAttributeKind.Number ? _number : throw WrongKind(CustomAttributeKind.Number);

    public bool AsBoolean() => Kind == CustomAttributeKind.Boolean ? _number != 0 : throw WrongKind(CustomAttributeKind.Boolean);

    /// <summary>The value as its JSON text would show it (strings unquoted), for matching and display.</summary>
    public override string ToString() => Kind switch
    {
        CustomAttributeKind.String => _text!,
        CustomAttributeKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        _ => _number != 0 ? "true" : "false",
    };

    private InvalidOperationException WrongKind(CustomAttributeKind wanted) =>
        new($"The custom attribute is a {Kind}, not a {wanted}.");
}
