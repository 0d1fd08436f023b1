using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Reputation;

/// <summary>
/// Label-driven reputation of users, devices, fingerprints, public keys and IPs. Label propagation writes it
/// (<see cref="ApplyLabelAsync"/>); scoring reads it. A user's, device's or IP address's reputation lives in its
/// <see cref="SubjectState"/> (the action path reads it with the velocity and links, no request of its own); a
/// fingerprint's or public key's in the reputation table, one partition per entity
/// (<see cref="GetSnapshotAsync"/> reads those). Writes to different entities never contend. Concurrent reads of one
/// entity on this instance share one request (<see cref="InFlightReads{TValue}"/>).
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
    private readonly SubjectStateRepository _states;
    private readonly InFlightReads<(EntityReputation Reputation, ETag ETag)> _reads = new();

    public ReputationRepository(RiskTables tables)
        : this(tables, new SubjectStateRepository(tables))
    {
    }

    /// <summary>
    /// With the process's <paramref name="states"/>: a label's write of a state then closes the action path's reads of
    /// it in flight, as an action's own write does.
    /// </summary>
    public ReputationRepository(RiskTables tables, SubjectStateRepository states)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(states);
        _table = tables.GetTable(ReputationTable.ReputationTableName);
        _states = states;
    }

    /// <summary>For mocking.</summary>
    protected ReputationRepository() => (_table, _states) = (null!, null!);

    /// <summary>The subject whose state holds the reputation of <paramref name="kind"/>; <c>null</c> for the kinds the reputation table keeps.</summary>
    public static ActionSubject? StateSubject(ReputationEntityKind kind, string value) => kind switch
    {
        ReputationEntityKind.User => new ActionSubject(ActionSubjectKind.UserId, value),
        ReputationEntityKind.Device => new ActionSubject(ActionSubjectKind.DeviceId, value),
        ReputationEntityKind.Ip => new ActionSubject(ActionSubjectKind.IpAddress, value),
        _ => null,
    };

    /// <summary>The entity's reputation; <see cref="EntityReputation.Clean"/> when it was never labeled.</summary>
    public virtual async Task<EntityReputation> GetAsync(string tenantId, ReputationEntityKind kind, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (StateSubject(kind, value) is { } subject)
        {
            return (await _states.ReadAsync(tenantId, subject, cancellationToken).ConfigureAwait(false)).Reputation;
        }

        // Shared with this instance's concurrent reads of the entity (a fingerprint a device farm sends with every action).
        var partitionKey = ReputationTable.PartitionKey(tenantId, kind, value);
        return (await _reads.ReadAsync(partitionKey, () => ReadAsync(tenantId, kind, value, CancellationToken.None), cancellationToken).ConfigureAwait(false)).Reputation;
    }

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
    /// Applies a label to a user as <see cref="ApplyLabelAsync"/> does, and returns the user's state as it now stands: its
    /// reputation, and the devices and addresses (<see cref="SubjectState.Reach"/>) a fraud label is carried to.
    /// </summary>
    public virtual Task<SubjectState> ApplyUserLabelAsync(string tenantId, string userId, ReputationLabel label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return ApplyToStateAsync(tenantId, new ActionSubject(ActionSubjectKind.UserId, userId), label, cancellationToken);
    }

    /// <summary>
    /// Applies a label to the entity (<see cref="EntityReputation.WithLabel"/>: the newest label decides, the
    /// same label twice changes nothing, however many labels came between: <see cref="ReputationLabelMarkers"/>), with
    /// optimistic concurrency so concurrent labels of one entity all count.
    /// </summary>
    public virtual async Task<EntityReputation> ApplyLabelAsync(
        string tenantId, ReputationEntityKind kind, string value, ReputationLabel label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (StateSubject(kind, value) is { } subject)
        {
            return (await ApplyToStateAsync(tenantId, subject, label, cancellationToken).ConfigureAwait(false)).Reputation;
        }

        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await ReadAsync(tenantId, kind, value, cancellationToken).ConfigureAwait(false);
            var next = current.WithLabel(label);
            if (ReferenceEquals(next, current))
            {
                return current;
            }

            var partitionKey = ReputationTable.PartitionKey(tenantId, kind, value);
            var entity = ReputationTable.ToEntity(partitionKey, next);
            var write = etag == default
                ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, etag);
            try
            {
                var markers = ReputationLabelMarkers.For(partitionKey, current, next, label.LabelId);
                return await ReputationLabelMarkers.WriteAsync(_table, write, markers, cancellationToken).ConfigureAwait(false) ? next : current;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                ConflictBackoff.ThrowIfLastAttempt(ex, attempt, MaxAttempts);

                // Another label of this entity landed first: apply ours on top of it.
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _reads.Written(partitionKey);
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

    /// <summary>The label on the reputation in the subject's state (a merge of the reputation alone, retried on a lost race); the state written or read.</summary>
    private Task<SubjectState> ApplyToStateAsync(string tenantId, ActionSubject subject, ReputationLabel label, CancellationToken cancellationToken) =>
        _states.UpdateAsync(
            tenantId,
            subject,
            state => state.Reputation.WithLabel(label) is var next && !ReferenceEquals(next, state.Reputation) ? state with { Reputation = next } : null,
            SubjectStateEntity.ToReputationEntity,
            cancellationToken,
            (partitionKey, state, next) => ReputationLabelMarkers.For(partitionKey, state.Reputation, next.Reputation, label.LabelId));
}
