using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Learning;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Functions.Features.Import;
using RiskFunctions.Learning;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Storage.Reputation;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>
/// Gathers what the model needs from storage and scores an action. Storage round trips on this path, all
/// started at once: the user's profile (1 point read), velocity, linking, learning signals and reputation
/// (the states of the user, the device and the IP address: up to 3 point reads), the reputation of the fingerprint
/// and the public key (a point read each, when sent), the tenant's learned model (per-instance cache: one
/// conditional blob read per refresh interval), and the population counts not in the per-instance cache (a short
/// range read or a point read each) but those of a device, fingerprint or public key, which are needed only when the
/// profile knows the value and so wait for it.
/// </summary>
internal sealed class ActionAssessor(
    TenantRiskScorer scorer,
    TenantModelProvider models,
    IOptions<ScoringOptions> scoring,
    ProfileRepository profiles,
    ProfileSnapshotCache knownProfiles,
    PopulationRepository population,
    ActionHistoryReader history,
    ReputationRepository reputation)
{
    /// <returns>
    /// The assessment (by the tenant's learned model when it has one, else the hand-tuned one), the history it counted
    /// with the subject states it was counted from, and the action's feature vector (kept so a label can train on it).
    /// </returns>
    /// <remarks>With an import <paramref name="session"/>, the profile and the user's and device's states its group wrote last are not read again.</remarks>
    public async Task<(RiskAssessment Assessment, ActionHistory History, float[] Features)> AssessAsync(
        string tenantId, ActionFacts facts, ActionFeatures features, CancellationToken cancellationToken, ImportSession? session = null)
    {
        var profileAndPopulation = ReadProfileAndPopulationAsync(tenantId, facts.UserId, features, session, cancellationToken);
        var reading = history.ReadAsync(tenantId, facts.UserId, facts.DeviceId, facts.Network.Ip, facts.OccurredAt, cancellationToken, session is null ? null : session.KnownState);
        Task<ReputationSnapshot> ReadKeys() => reputation.GetSnapshotAsync(
            tenantId, userId: null, deviceId: null, facts.DeviceFingerprint, facts.DevicePublicKey, ip: null, cancellationToken);
        var reputations = session is null ? ReadKeys() : session.KeyReputationAsync(facts.DeviceFingerprint, facts.DevicePublicKey, ReadKeys);
        var loading = models.GetAsync(tenantId, cancellationToken).AsTask();
        await Task.WhenAll(profileAndPopulation, reading, reputations, loading);

        var (profile, populationCounts) = await profileAndPopulation;
        var read = await reading;
        var model = await loading;
        var keys = await reputations;
        var snapshot = read.Reputation with { Fingerprint = keys.Fingerprint, PublicKey = keys.PublicKey };
        var input = new ScoringInput(facts, features, profile, populationCounts, read.Counts, snapshot, read.Learning);

        // The tenant's configured bands win; else the model's own (chosen on its validation slice); else the defaults.
        var bands = scoring.Value.ConfiguredBandsFor(tenantId) ?? model?.Bands ?? scoring.Value.Bands;
        var vector = new float[RiskFeatures.Count];
        return (scorer.Score(input, bands, model, vector), read, vector);
    }

    private async Task<(UserProfile? Profile, PopulationCounts Population)> ReadProfileAndPopulationAsync(
        string tenantId, string? userId, ActionFeatures features, ImportSession? session, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return (null, new PopulationCounts());
        }

        // The counts that do not depend on the profile are read beside it, not after it.
        var profile = ReadProfileAsync(tenantId, userId, session, cancellationToken);
        var counts = population.ReadAsync(tenantId, features, profile, cancellationToken);
        await Task.WhenAll(profile, counts);
        return (await profile, await counts);
    }

    private async Task<UserProfile?> ReadProfileAsync(string tenantId, string userId, ImportSession? session, CancellationToken cancellationToken)
    {
        if (session is null)
        {
            // Kept with its version: the feed of this action's success starts from it.
            var read = await profiles.ReadAsync(tenantId, userId, cancellationToken);
            knownProfiles.Set(tenantId, userId, read);
            return read.Profile;
        }

        var snapshot = session.Profile(userId) ?? await profiles.ReadAsync(tenantId, userId, cancellationToken);
        session.ProfileKnown(userId, snapshot);
        return snapshot.Profile;
    }
}
