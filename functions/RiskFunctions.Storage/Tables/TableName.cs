namespace RiskFunctions.Storage.Tables;

/// <summary>The service's table naming rule: <c>^[A-Za-z][A-Za-z0-9]{2,62}$</c>.</summary>
public static class TableName
{
    /// <summary>Whether <paramref name="name"/> is a valid table name.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: >= 3 and <= 63 } && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is a valid table name.</summary>
    public static string Validate(string? name, string paramName = "tableName") => IsValid(name)
        ? name!
        : throw new ArgumentException(
            $"'{name}' is not a valid table name: 3-63 ASCII letters and digits, starting with a letter.", paramName);
}
