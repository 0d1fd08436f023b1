namespace RiskFunctions.Handler.Hosting;

/// <summary>
/// The key the Functions host demands before it forwards a request (<c>x-functions-key</c> or
/// <c>?code=</c>). Our own bearer-token authorization runs in the handler regardless.
/// </summary>
public enum FunctionAuthLevel
{
    /// <summary>No host key: public API operations, which carry our bearer token instead.</summary>
    Anonymous,

    /// <summary>A function or host key: operator-only endpoints.</summary>
    Function,

    /// <summary>The master key only.</summary>
    Admin,
}
