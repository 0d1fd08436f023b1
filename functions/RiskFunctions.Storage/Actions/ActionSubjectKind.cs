namespace RiskFunctions.Storage.Actions;

/// <summary>What an action can be found by in the action index.</summary>
public enum ActionSubjectKind
{
    /// <summary>The action's user: <c>user_id</c>, else <c>claimed_user_id</c>, else the user bound by its result.</summary>
    UserId,
    IpAddress,
    CorrelationId,
    VerificationSessionId,
    DeviceId,
    DeviceFingerprint,
    DevicePublicKey,
    SessionToken,

    /// <summary>The campaign the action was put in (by campaign maintenance).</summary>
    Campaign,

    /// <summary>The ring the action's user belongs to (by ring maintenance).</summary>
    FraudRing,
}

/// <summary>Stable storage codes of <see cref="ActionSubjectKind"/>.</summary>
public static class ActionSubjectKinds
{
    /// <summary>A short code used in index keys. Never change an existing code.</summary>
    public static string Code(this ActionSubjectKind kind) => kind switch
    {
        ActionSubjectKind.UserId => "user",
        ActionSubjectKind.IpAddress => "ip",
        ActionSubjectKind.CorrelationId => "corr",
        ActionSubjectKind.VerificationSessionId => "vs",
        ActionSubjectKind.DeviceId => "dev",
        ActionSubjectKind.DeviceFingerprint => "fp",
        ActionSubjectKind.DevicePublicKey => "pk",
        ActionSubjectKind.SessionToken => "sess",
        ActionSubjectKind.Campaign => "camp",
        ActionSubjectKind.FraudRing => "ring",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown action subject kind."),
    };
}

/// <summary>A subject to look actions up by: <c>(IpAddress, "203.0.113.7")</c>.</summary>
/// <param name="Kind">What the value is.</param>
/// <param name="Value">The raw value as the client sent it (IP addresses in any valid form).</param>
public readonly record struct ActionSubject(ActionSubjectKind Kind, string Value);
