using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Functions.Errors;

namespace RiskFunctions.Functions.Json;

/// <summary>A JSON request body as <see cref="RequestBody.ReadJsonAsync"/> found it.</summary>
/// <typeparam name="T">The contract type of the body.</typeparam>
internal sealed class JsonBody<T>
    where T : class
{
    private readonly ContractRead<T>? _read;
    private readonly ClientError? _refused;

    private JsonBody(ContractRead<T>? read, ClientError? refused)
    {
        _read = read;
        _refused = refused;
    }

    /// <summary>
    /// What could be read, for the validator to check; <c>null</c> when nothing could. Act on it only when
    /// <see cref="Problem(ValidationResult)"/> found none.
    /// </summary>
    public T? Value => _read?.Value;

    /// <summary>
    /// Every problem with the body, the fields it refused first and then the validator's; <c>null</c> when none. A
    /// validator or mapping returns its result only when it recorded no problem, so after a <c>null</c> here that
    /// result is present.
    /// </summary>
    public ClientError? Problem(ValidationResult validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (_refused is not null)
        {
            return _refused;
        }

        var errors = _read!.Merge(validation.Errors);
        return errors.Count == 0 && _read.Value is not null ? null : new ClientError(StatusCodes.Status400BadRequest, errors);
    }

    internal static JsonBody<T> Of(ContractRead<T> read) => new(read, null);

    internal static JsonBody<T> Refused(ClientError error) => new(null, error);
}
