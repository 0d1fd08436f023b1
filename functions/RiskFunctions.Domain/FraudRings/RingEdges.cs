using RiskFunctions.Domain.Activity;

namespace RiskFunctions.Domain.FraudRings;

/// <summary>The edges an action adds to the user graph.</summary>
public static class RingEdges
{
    /// <summary>
    /// One edge per identifier the action's user used; none for an anonymous action. An IP address of a shared network
    /// (hosting, proxy, anonymizer) is left out: everyone behind it would look linked.
    /// </summary>
    public static IReadOnlyList<RingEdge> Of(ActivityRecord action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (string.IsNullOrEmpty(action.UserId))
        {
            return [];
        }

        var edges = new List<RingEdge>(6);
        Add(edges, action, LinkKind.DeviceId, action.DeviceId);
        Add(edges, action, LinkKind.DeviceFingerprint, action.DeviceFingerprint);
        Add(edges, action, LinkKind.DevicePublicKey, action.DevicePublicKey);
        Add(edges, action, LinkKind.Card, action.Card);
        Add(edges, action, LinkKind.PayeeAccount, action.PayeeAccount);
        if (!action.IpIsShared)
        {
            Add(edges, action, LinkKind.Ip, action.Ip);
        }

        return edges;
    }

    private static void Add(List<RingEdge> edges, ActivityRecord action, LinkKind kind, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            edges.Add(new RingEdge(action.UserId!, new LinkEntity(kind, value), action.OccurredAt));
        }
    }
}
