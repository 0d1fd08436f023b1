namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// Decides whether an action may be trusted: a known user (enough trusted history) on a known, trusted
/// device (the device's public key, else its device id, seen often enough and long enough ago with this
/// user), no negative reputation on any entity involved, and no risk reason at all. A fingerprint alone
/// never makes a device trusted, and an anonymous or unknown user is never trusted.
/// </summary>
internal static class TrustPolicy
{
    public static bool IsEligible(TrustPolicyOptions options, in ScoringInput input, in ContributionSet set)
    {
        var action = input.Action;
        var profile = input.Profile;
        if (action.UserId is null || profile is null || profile.ActionCount < options.MinUserActions)
        {
            return false;
        }

        if (input.Reputation.AnyNegative || set.HasAnyReason)
        {
            return false;
        }

        var deviceKind = input.Features.Has(FeatureKind.PublicKey) ? FeatureKind.PublicKey
            : input.Features.Has(FeatureKind.Device) ? FeatureKind.Device
            : (FeatureKind?)null;
        if (deviceKind is not { } kind || !profile.TryGet(kind, input.Features[kind]!, out var device))
        {
            return false;
        }

        return device.Count >= options.MinDeviceActions && action.OccurredAt - device.FirstSeen >= options.MinDeviceAge;
    }
}
