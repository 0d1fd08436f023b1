using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Actions;

/// <summary>
/// Checks a trigger-action request against everything the contract constrains, listing every problem.
/// Identifiers may hold any printable characters (quotes, slashes, <c>#</c>, <c>?</c> are stored safely);
/// control characters and over-long values are rejected. Enumerations and JSON types are checked while
/// reading (<see cref="Contract.RiskJsonContext"/>); <c>transaction_data</c> by <see cref="TransactionDataValidator"/>.
/// </summary>
public static class TriggerActionValidator
{
    public static ValidationResult Validate(TriggerActionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = new ValidationResult();

        if (result.Required("action_type", request.ActionType) && result.MaxLength("action_type", request.ActionType, ActionLimits.MaxActionTypeLength))
        {
            _ = IsActionTypeName(request.ActionType)
                || result.Add("action_type", "must be a predefined action type or a custom name of letters, digits, _ . : or -");
        }

        OptionalId(result, "user_id", request.UserId, ActionLimits.MaxIdLength);
        OptionalId(result, "claimed_user_id", request.ClaimedUserId, ActionLimits.MaxIdLength);
        result.OnlyAllowed("claimed_user_id_type", request.ClaimedUserIdType is not null && request.ClaimedUserId is null, "together with claimed_user_id");
        OptionalId(result, "correlation_id", request.CorrelationId, ActionLimits.MaxIdLength);
        OptionalId(result, "verification_session_id", request.VerificationSessionId, ActionLimits.MaxIdLength);
        OptionalId(result, "session_token", request.SessionToken, ActionLimits.MaxDeviceIdLength);

        if (request.Context is { } context)
        {
            ValidateContext(result, context);
        }

        if (request.RiskSignals is { } signals)
        {
            RiskSignalsValidator.Validate(result, signals);
        }

        if (request.TransactionData is { } transaction)
        {
            TransactionDataValidator.Validate(result, "transaction_data", transaction);
        }

        return result;
    }

    /// <summary>The canonical text of a valid IP (IPv4-mapped IPv6 becomes IPv4), or <c>null</c>.</summary>
    public static string? CanonicalIp(string? ip) =>
        ip is not null && IpAddressValue.TryParse(ip, out var address) ? address.ToString() : null;

    private static void ValidateContext(ValidationResult result, TriggerActionContext context)
    {
        if (context.Ip is not null && !IpAddressValue.TryParse(context.Ip, out _))
        {
            result.Add("context.ip", "must be an IPv4 address in dotted-quad form or an IPv6 address");
        }

        OptionalText(result, "context.user_agent", context.UserAgent, ActionLimits.MaxUserAgentLength);
        OptionalId(result, "context.device_id", context.DeviceId, ActionLimits.MaxDeviceIdLength);
        OptionalId(result, "context.device_fingerprint", context.DeviceFingerprint, ActionLimits.MaxDeviceIdLength);
        OptionalId(result, "context.device_public_key", context.DevicePublicKey, ActionLimits.MaxDeviceIdLength);
        OptionalText(result, "context.device_timezone", context.DeviceTimezone, 64);
        OptionalText(result, "context.location", context.Location, ActionLimits.MaxLocationLength);
        result.Range("context.device_timestamp", context.DeviceTimestamp, 0, ActionLimits.MaxTimestamp);
        TextList(result, "context.device_languages", context.DeviceLanguages, 35);
    }

    internal static void OptionalId(ValidationResult result, string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        _ = !string.IsNullOrWhiteSpace(value) || result.Add(field, "must not be empty");
        _ = result.MaxLength(field, value, maxLength) && result.NoControlCharacters(field, value);
    }

    internal static void OptionalText(ValidationResult result, string field, string? value, int maxLength) =>
        _ = result.MaxLength(field, value, maxLength) && result.NoControlCharacters(field, value);

    internal static void TextList(ValidationResult result, string field, IReadOnlyList<string>? values, int maxLength)
    {
        if (values is null || !result.MaxCount(field, values, ActionLimits.MaxListItems))
        {
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            OptionalText(result, FieldPath.Index(field, i), values[i], maxLength);
        }
    }

    private static bool IsActionTypeName(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
