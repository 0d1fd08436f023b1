using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Storage.Reputation;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>
/// Gathers what the model needs from storage and scores an action. Storage round trips on this path, all
/// started at once except one: the user's profile (1 query), velocity, linking, learning signals and reputation
/// (the states of the user, the device and the IP address: up to 3 point reads), the reputation of the fingerprint
/// and the public key (a point read each, when sent); then the population counts
/// of the values the profile knows and of the network values it does not (per-instance cache, misses are one
/// short range read each, all at once).
/// </summary>
internal sealed class ActionAssessor(
    RiskScorer scorer,
    ProfileRepository profiles,
    PopulationRepository population,
    ActionHistoryReader history,
    ReputationRepository reputation)
{
    /// <returns>The assessment, and the history it counted with the subject states it was counted from.</returns>
    public async Task<(RiskAssessment Assessment, ActionHistory History)> AssessAsync(
        string tenantId, ActionFacts facts, ActionFeatures features, ScoreBands bands, CancellationToken cancellationToken)
    {
        var profileAndPopulation = ReadProfileAsync(tenantId, facts.UserId, features, cancellationToken);
        var reading = history.ReadAsync(tenantId, facts.UserId, facts.DeviceId, facts.Network.Ip, facts.OccurredAt, cancellationToken);
        var reputations = reputation.GetSnapshotAsync(
            tenantId, userId: null, deviceId: null, facts.DeviceFingerprint, facts.DevicePublicKey, ip: null, cancellationToken);
        await Task.WhenAll(profileAndPopulation, reading, reputations);

        var (profile, populationCounts) = await profileAndPopulation;
        var read = await reading;
        var keys = await reputations;
        var snapshot = read.Reputation with { Fingerprint = keys.Fingerprint, PublicKey = keys.PublicKey };
        var input = new ScoringInput(facts, features, profile, populationCounts, read.Counts, snapshot, read.Learning);
        return (scorer.Score(input, bands), read);
    }

    private async Task<(UserProfile? Profile, PopulationCounts Population)> ReadProfileAsync(
        string tenantId, string? userId, ActionFeatures features, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return (null, new PopulationCounts());
        }

        var profile = await profiles.GetAsync(tenantId, userId, cancellationToken);
        return (profile, await population.ReadAsync(tenantId, features, profile, cancellationToken));
    }
}
