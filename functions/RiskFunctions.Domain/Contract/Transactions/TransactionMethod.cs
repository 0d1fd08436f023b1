using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Transactions;

/// <summary>Transaction method.</summary>
[JsonConverter(typeof(WireEnumConverter<TransactionMethod>))]
public enum TransactionMethod
{
    [JsonStringEnumMemberName("bank_account")]
    BankAccount,

    [JsonStringEnumMemberName("wire")]
    Wire,

    [JsonStringEnumMemberName("card")]
    Card,

    [JsonStringEnumMemberName("p2p")]
    P2p,

    [JsonStringEnumMemberName("wallet")]
    Wallet,
}
