using System.ComponentModel;

namespace RiskFunctions.Storage.Tables;

/// <summary>
/// Error codes the Table service returns in <c>odata.error.code</c>, as an extensible enum: codes this type
/// does not name still compare and print as themselves.
/// </summary>
public readonly struct TableErrorCode : IEquatable<TableErrorCode>
{
    private readonly string? _value;

    /// <summary>Wraps an error code string.</summary>
    public TableErrorCode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The entity to insert exists already (409).</summary>
    public static TableErrorCode EntityAlreadyExists { get; } = new("EntityAlreadyExists");

    /// <summary>The entity does not exist (404).</summary>
    public static TableErrorCode ResourceNotFound { get; } = new("ResourceNotFound");

    /// <summary>The ETag in <c>If-Match</c> does not match the stored entity (412).</summary>
    public static TableErrorCode UpdateConditionNotSatisfied { get; } = new("UpdateConditionNotSatisfied");

    /// <summary>The table exists already (409).</summary>
    public static TableErrorCode TableAlreadyExists { get; } = new("TableAlreadyExists");

    /// <summary>The table does not exist (404).</summary>
    public static TableErrorCode TableNotFound { get; } = new("TableNotFound");

    /// <summary>The table is being deleted and cannot be created yet (409).</summary>
    public static TableErrorCode TableBeingDeleted { get; } = new("TableBeingDeleted");

    /// <summary>The request is malformed (400).</summary>
    public static TableErrorCode InvalidInput { get; } = new("InvalidInput");

    /// <summary>An entity exceeds 1 MiB (400).</summary>
    public static TableErrorCode EntityTooLarge { get; } = new("EntityTooLarge");

    /// <summary>A property value exceeds 64 KiB (400).</summary>
    public static TableErrorCode PropertyValueTooLarge { get; } = new("PropertyValueTooLarge");

    /// <summary>The credentials are missing or wrong (403).</summary>
    public static TableErrorCode AuthorizationFailure { get; } = new("AuthorizationFailure");

    /// <summary>The signature does not match (403).</summary>
    public static TableErrorCode AuthenticationFailed { get; } = new("AuthenticationFailed");

    /// <summary>The service is throttling (503).</summary>
    public static TableErrorCode ServerBusy { get; } = new("ServerBusy");

    /// <summary>The operation timed out on the server and may or may not have been applied (500).</summary>
    public static TableErrorCode OperationTimedOut { get; } = new("OperationTimedOut");

    /// <summary>Compares with a code string (ordinal, as the service spells codes).</summary>
    public static bool operator ==(TableErrorCode left, TableErrorCode right) => left.Equals(right);

    /// <inheritdoc cref="op_Equality(TableErrorCode, TableErrorCode)"/>
    public static bool operator !=(TableErrorCode left, TableErrorCode right) => !left.Equals(right);

    /// <summary>Wraps a code string.</summary>
    public static implicit operator TableErrorCode(string value) => new(value);

    /// <summary>Compares with the <see cref="Azure.RequestFailedException.ErrorCode"/> of a failure.</summary>
    public static bool operator ==(string? code, TableErrorCode value) => string.Equals(code, value._value, StringComparison.Ordinal);

    /// <inheritdoc cref="op_Equality(string, TableErrorCode)"/>
    public static bool operator !=(string? code, TableErrorCode value) => !(code == value);

    /// <summary>Wraps a code string (named alternative to the implicit conversion).</summary>
    public static TableErrorCode FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(TableErrorCode other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is TableErrorCode other && Equals(other);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <inheritdoc/>
    public override string ToString() => _value ?? string.Empty;
}
