namespace RiskFunctions.Domain.Contract.Actions;

/// <summary>
/// The predefined action types. <c>action_type</c> is an open set: tenants may report custom action names,
/// so it stays a string on the wire and in the contract types.
/// </summary>
public static class ActionTypes
{
    public const string Login = "login";
    public const string Register = "register";
    public const string Transaction = "transaction";
    public const string Checkout = "checkout";
    public const string PasswordReset = "password_reset";
    public const string Logout = "logout";
    public const string AccountDetailsChange = "account_details_change";
    public const string AccountAuthChange = "account_auth_change";
    public const string Withdraw = "withdraw";
    public const string CreditsChange = "credits_change";

    /// <summary>Every predefined action type.</summary>
    public static IReadOnlyList<string> Predefined { get; } =
    [
        Login, Register, Transaction, Checkout, PasswordReset, Logout,
        AccountDetailsChange, AccountAuthChange, Withdraw, CreditsChange,
    ];
}
