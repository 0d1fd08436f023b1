using System.Globalization;

namespace RiskFunctions.Domain.Validation;

/// <summary>Builds the wire paths that name fields in <see cref="FieldError"/>s.</summary>
public static class FieldPath
{
    /// <summary><c>Combine("subject", "type")</c> is <c>subject.type</c>; an empty parent gives the child alone.</summary>
    public static string Combine(string parent, string child) =>
        string.IsNullOrEmpty(parent) ? child : string.Concat(parent, ".", child);

    /// <summary><c>Index("matcher.ip_cidrs", 3)</c> is <c>matcher.ip_cidrs[3]</c>.</summary>
    public static string Index(string array, int index) =>
        string.Concat(array, "[", index.ToString(CultureInfo.InvariantCulture), "]");
}
