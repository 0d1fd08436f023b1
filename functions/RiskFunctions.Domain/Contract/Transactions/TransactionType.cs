using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Transactions;

/// <summary>Transaction type.</summary>
[JsonConverter(typeof(WireEnumConverter<TransactionType>))]
public enum TransactionType
{
    [JsonStringEnumMemberName("purchase")]
    Purchase,

    [JsonStringEnumMemberName("bill_payment")]
    BillPayment,

    [JsonStringEnumMemberName("mobile_recharge")]
    MobileRecharge,

    [JsonStringEnumMemberName("money_transfer")]
    MoneyTransfer,

    [JsonStringEnumMemberName("credit_transfer")]
    CreditTransfer,

    [JsonStringEnumMemberName("credit_redemption")]
    CreditRedemption,

    [JsonStringEnumMemberName("top_up")]
    TopUp,

    [JsonStringEnumMemberName("withdrawal")]
    Withdrawal,

    [JsonStringEnumMemberName("investment")]
    Investment,

    [JsonStringEnumMemberName("loan")]
    Loan,

    [JsonStringEnumMemberName("refund")]
    Refund,

    [JsonStringEnumMemberName("other")]
    Other,
}
