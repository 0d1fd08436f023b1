namespace RiskFunctions.Domain.Validation;

/// <summary>
/// One thing wrong with a request: the field, as the client spelled it on the wire (a dotted path such as
/// <c>transaction_data.payer.accountCountryCode</c> or <c>matcher.ip_cidrs[3]</c>), and what is wrong with it.
/// </summary>
/// <param name="Field">Wire path of the field; <c>body</c> when the problem is the request as a whole.</param>
/// <param name="Message">What is wrong, phrased to follow the field name: <c>is required</c>, <c>must be ...</c>.</param>
public sealed record FieldError(string Field, string Message)
{
    /// <summary>The field used when the problem is not one field's (unreadable JSON, empty body).</summary>
    public const string Body = "body";

    /// <summary>The form clients see in error bodies: <c>"&lt;field&gt;: &lt;what is wrong&gt;"</c>.</summary>
    public override string ToString() => $"{Field}: {Message}";
}
