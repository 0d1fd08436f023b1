namespace RiskFunctions.Domain.Actions;

/// <summary>The documented size limits of an action report (each violation is a 400 naming the field).</summary>
public static class ActionLimits
{
    /// <summary>Largest accepted request body, in bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary><c>action_type</c>: 1-64 characters of letters, digits, <c>_ . : -</c>.</summary>
    public const int MaxActionTypeLength = 64;

    /// <summary><c>user_id</c>, <c>claimed_user_id</c>, <c>correlation_id</c>, <c>verification_session_id</c>.</summary>
    public const int MaxIdLength = 256;

    /// <summary><c>session_token</c>, <c>device_id</c>, <c>device_fingerprint</c>, <c>device_public_key</c>.</summary>
    public const int MaxDeviceIdLength = 512;

    public const int MaxUserAgentLength = 1024;

    public const int MaxLocationLength = 2048;

    public const int MaxShortTextLength = 256;

    /// <summary>Entries of <c>device_languages</c>, <c>x_forwarded_for</c>, <c>input_method</c>.</summary>
    public const int MaxListItems = 32;

    /// <summary>Products of a purchase.</summary>
    public const int MaxProducts = 100;

    /// <summary>Custom attributes kept (the rest are dropped, like attributes of the wrong shape).</summary>
    public const int MaxCustomAttributes = 50;

    public const int MaxCustomAttributeNameLength = 64;

    public const int MaxCustomAttributeTextLength = 1024;

    /// <summary><c>transactionDate</c> upper bound: 9999-12-31T23:59:59.999Z in milliseconds.</summary>
    public const long MaxTimestamp = 253_402_300_799_999;

    /// <summary>Largest transaction amount (the contract's <c>maximum</c>).</summary>
    public const decimal MaxAmount = 999_999_999.99m;
}
