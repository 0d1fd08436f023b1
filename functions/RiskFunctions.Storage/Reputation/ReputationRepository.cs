using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Reputation;

/// <summary>
/// Label-driven reputation of users, devices, fingerprints, public keys and IPs. Label propagation writes it
/// (<see cref="ApplyLabelAsync"/>); scoring reads it (<see cref="GetSnapshotAsync"/>). One partition per
/// entity, so reads are independent point reads and writes to different entities never contend.
/// </summary>
/// <remarks>
/// Values are the raw identifiers as clients send them; IP addresses are canonicalized here, so any
/// spelling of an address has one reputation.
/// </remarks>
public class ReputationRepository
{
    /// <summary>Attempts at one label that keeps colliding with concurrent labels of the same entity.</summary>
    public const int MaxAttempts = 40;

    private readonly TableClient _table;

    public ReputationRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(ReputationTable.ReputationTableName);
    }

    /// <summary>For mocking.</summary>
    protected ReputationRepository() => _table = null!;

    /// <summary>The entity's reputation; <see cref="EntityReputation.Clean"/> when it was never labeled.</summary>
    public virtual async Task<EntityReputation> GetAsync(string tenantId, ReputationEntityKind kind, string value, CancellationToken cancellationToken = default) =>
        (await ReadAsync(tenantId, kind, value, cancellationToken).ConfigureAwait(false)).Reputation;

    /// <summary>The reputations of the entities one action involves, read in parallel (absent ones are clean).</summary>
    public virtual async Task<ReputationSnapshot> GetSnapshotAsync(
        string tenantId, string? userId, string? deviceId, string? fingerprint, string? publicKey, string? ip, CancellationToken cancellationToken = default)
    {
        var user = Read(tenantId, ReputationEntityKind.User, userId, cancellationToken);
        var device = Read(tenantId, ReputationEntityKind.Device, deviceId, cancellationToken);
        var print = Read(tenantId, ReputationEntityKind.Fingerprint, fingerprint, cancellationToken);
        var key = Read(tenantId, ReputationEntityKind.PublicKey, publicKey, cancellationToken);
        var address = Read(tenantId, ReputationEntityKind.Ip, ip, cancellationToken);
        await Task.WhenAll(user, device, print, key, address).ConfigureAwait(false);
        return new ReputationSnapshot
        {
            User = await user.ConfigureAwait(false),
            Device = await device.ConfigureAwait(false),
            Fingerprint = await print.ConfigureAwait(false),
            PublicKey = await key.ConfigureAwait(false),
            Ip = await address.ConfigureAwait(false),
        };
    }

    /// <summary>
    /// Applies a label to the entity (<see cref="EntityReputation.WithLabel"/>: the newest label decides, the
    /// same label twice changes nothing), with optimistic concurrency so concurrent labels of one entity all count.
    /// </summary>
    public virtual async Task<EntityReputation> ApplyLabelAsync(
        string tenantId, ReputationEntityKind kind, string value, ReputationLabel label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(label);
        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await ReadAsync(tenantId, kind, value, cancellationToken).ConfigureAwait(false);
            var next = current.WithLabel(label);
            if (ReferenceEquals(next, current))
            {
                return current;
            }

            var entity = ReputationTable.ToEntity(ReputationTable.PartitionKey(tenantId, kind, value), next);
            try
            {
                if (etag == default)
                {
                    await _table.AddCheckedAsync(entity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.UpdateCheckedAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return next;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another label of this entity landed first: apply ours on top of it.
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private Task<EntityReputation> Read(string tenantId, ReputationEntityKind kind, string? value, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(value) ? Task.FromResult(EntityReputation.Clean) : GetAsync(tenantId, kind, value, cancellationToken);

    private async Task<(EntityReputation Reputation, ETag ETag)> ReadAsync(string tenantId, ReputationEntityKind kind, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(ReputationTable.PartitionKey(tenantId, kind, value), ReputationTable.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? (ReputationTable.FromEntity(response.Value!), response.Value!.ETag) : (EntityReputation.Clean, default);
    }
}
