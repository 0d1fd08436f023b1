using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Contract.Serialization;

/// <summary>What <see cref="ContractReader"/> made of a body: the readable part and the fields it refused.</summary>
/// <typeparam name="T">The contract type read.</typeparam>
public sealed class ContractRead<T>
    where T : class
{
    private ContractRead(T? value, IReadOnlyList<FieldError> errors)
    {
        Value = value;
        Errors = errors;
    }

    /// <summary>
    /// The body without its refused fields; <c>null</c> when nothing of the type could be read. Only a value with no
    /// <see cref="Errors"/> may be acted on.
    /// </summary>
    public T? Value { get; }

    /// <summary>The refused fields, in the order found.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>Whether the whole body was read.</summary>
    public bool IsComplete => Value is not null && Errors.Count == 0;

    /// <summary>
    /// These errors followed by the validator's, leaving out what the validator says about a refused field, its
    /// parts or the object holding it: a removed field reads as missing, which would only repeat the first error.
    /// </summary>
    public IReadOnlyList<FieldError> Merge(IEnumerable<FieldError> validationErrors)
    {
        ArgumentNullException.ThrowIfNull(validationErrors);
        var merged = new List<FieldError>(Errors);
        merged.AddRange(validationErrors.Where(e => !Errors.Any(refused => Related(refused.Field, e.Field))));
        return merged;
    }

    internal static ContractRead<T> Read(T? value, IReadOnlyList<FieldError> errors) => new(value, errors);

    internal static ContractRead<T> Refused(FieldError error) => new(null, [error]);

    private static bool Related(string refused, string field) =>
        refused == FieldError.Body || Within(field, refused) || Within(refused, field);

    // Whether <paramref name="path"/> is <paramref name="ancestor"/> or inside it (a.b, a.b.c, a.b[2]).
    private static bool Within(string path, string ancestor) =>
        path.StartsWith(ancestor, StringComparison.Ordinal)
        && (path.Length == ancestor.Length || path[ancestor.Length] is '.' or '[');
}
