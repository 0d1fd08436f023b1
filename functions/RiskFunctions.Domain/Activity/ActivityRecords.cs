using RiskFunctions.Domain.Contract.Transactions;
using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Domain.Activity;

/// <summary>Builds the <see cref="ActivityRecord"/> of an action from the facts the model scored.</summary>
public static class ActivityRecords
{
    /// <param name="actionToken">The action's token.</param>
    /// <param name="facts">The scored facts (identifiers, network, client).</param>
    /// <param name="transaction">The request's <c>transaction_data</c>, if any.</param>
    /// <param name="recommendation">The recommendation type returned.</param>
    public static ActivityRecord From(string actionToken, ActionFacts facts, TransactionData? transaction, string? recommendation)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new ActivityRecord
        {
            ActionToken = actionToken,
            ActionType = facts.ActionType,
            OccurredAt = facts.OccurredAt,
            UserId = facts.UserId,
            DeviceId = facts.DeviceId,
            DeviceFingerprint = facts.DeviceFingerprint,
            DevicePublicKey = facts.DevicePublicKey,
            Ip = facts.Network.Ip,
            IpIsShared = (facts.NetworkFlags & (NetworkRiskFlags.Hosting | NetworkRiskFlags.Proxy | NetworkRiskFlags.Tor | NetworkRiskFlags.Vpn | NetworkRiskFlags.Anonymizer)) != 0,
            Asn = facts.Network.Asn,
            UserAgentFamily = UserAgentFamily(facts.Client),
            Card = Card(transaction?.Payer?.Card),
            PayeeAccount = transaction?.Payee is { } payee ? payee.AccountNumber ?? payee.AccountId : null,
            Amount = transaction?.Amount,
            Recommendation = recommendation,
        };
    }

    /// <summary><c>Browser major / OS</c>; null when the user agent said nothing about either.</summary>
    public static string? UserAgentFamily(ClientFacts client)
    {
        if (client.BrowserName is null && client.OsName is null)
        {
            return client.UserAgent is { Length: > 0 } ua ? ua[..Math.Min(ua.Length, 64)] : null;
        }

        var major = client.BrowserVersion?.Split('.', 2)[0];
        return $"{client.BrowserName} {major} / {client.OsName}".Trim();
    }

    private static string? Card(TransactionCard? card) =>
        card is { Bin: { Length: > 0 } bin, Last4: { Length: > 0 } last4 } ? string.Concat(bin, "|", last4) : null;
}
