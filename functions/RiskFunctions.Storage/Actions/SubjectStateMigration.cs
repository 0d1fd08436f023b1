using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Folds what earlier versions kept elsewhere into the subject states, in one pass over each table:
/// <list type="bullet">
/// <item>every <c>links</c> row (a user-device pair, in each direction) into the links of the user's or the device's state;</item>
/// <item>every <c>reputation</c> row of a user, device or IP address into that subject's state, then the row is deleted
/// (fingerprints and public keys keep theirs where it is).</item>
/// </list>
/// Idempotent and resumable by running it again: a link already in a state writes nothing; a reputation row whose label
/// the state already holds is only deleted (a run that stopped between the merge and the delete does not count it twice).
/// Each write is a merge of the migrated properties alone, conditional on the state's ETag, so it can run while the
/// service takes actions and propagates labels.
/// </summary>
public sealed class SubjectStateMigration
{
    private readonly TableClient _links;
    private readonly TableClient _reputation;
    private readonly SubjectStateRepository _states;

    public SubjectStateMigration(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _links = tables.GetTable(LinksTable.LinksTableName);
        _reputation = tables.GetTable(ReputationTable.ReputationTableName);
        _states = new SubjectStateRepository(tables);
    }

    /// <summary>Runs both passes; <paramref name="progress"/> hears each table's running totals.</summary>
    public async Task<SubjectStateMigrationResult> RunAsync(IProgress<SubjectStateMigrationResult>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = new SubjectStateMigrationResult();
        result = await MigrateLinksAsync(result, progress, cancellationToken).ConfigureAwait(false);
        return await MigrateReputationAsync(result, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SubjectStateMigrationResult> MigrateLinksAsync(
        SubjectStateMigrationResult result, IProgress<SubjectStateMigrationResult>? progress, CancellationToken cancellationToken)
    {
        await foreach (var page in _links.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken)
            .AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Values)
            {
                result = await MigrateLinkAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false) switch
                {
                    true => result with { LinksRead = result.LinksRead + 1, LinksAdded = result.LinksAdded + 1 },
                    false => result with { LinksRead = result.LinksRead + 1 },
                    null => result with { LinksRead = result.LinksRead + 1, Skipped = result.Skipped + 1 },
                };
            }

            progress?.Report(result);
        }

        return result;
    }

    /// <summary>True when the link was added, false when the state had it, null when the row cannot be migrated.</summary>
    private async Task<bool?> MigrateLinkAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        // tenant|du|device / user and tenant|ud|user / device; a value hashed into its key (over 200 characters) cannot be hashed again.
        if (partitionKey.Split(TableKeyEncoder.Separator) is not [var tenant, var direction, var owner] || rowKey.StartsWith('~'))
        {
            return null;
        }

        var kind = direction switch
        {
            "du" => ActionSubjectKind.DeviceId,
            "ud" => ActionSubjectKind.UserId,
            _ => (ActionSubjectKind?)null,
        };
        if (kind is null)
        {
            return null;
        }

        var link = SubjectStateHash.Of(TableKeyEncoder.Decode(rowKey));
        var added = false;
        await _states.UpdateAsync(
            StatePartition(TableKeyEncoder.Decode(tenant), kind.Value.Code(), owner),
            state =>
            {
                var next = state.WithLink(link);
                added = !ReferenceEquals(next, state);
                return added ? next : null;
            },
            SubjectStateEntity.ToLinksEntity,
            cancellationToken).ConfigureAwait(false);
        return added;
    }

    private async Task<SubjectStateMigrationResult> MigrateReputationAsync(
        SubjectStateMigrationResult result, IProgress<SubjectStateMigrationResult>? progress, CancellationToken cancellationToken)
    {
        await foreach (var page in _reputation.QueryAsync<TableEntity>(cancellationToken: cancellationToken)
            .AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Values)
            {
                // tenant|rep|kind|value: users, devices and addresses move, fingerprints and public keys stay.
                if (row.PartitionKey.Split(TableKeyEncoder.Separator) is not [var tenant, "rep", var code and ("user" or "dev" or "ip"), var value])
                {
                    continue;
                }

                var old = ReputationTable.FromEntity(row);
                await _states.UpdateAsync(
                    StatePartition(TableKeyEncoder.Decode(tenant), code, value),
                    state => Holds(state.Reputation, old) ? null : state with { Reputation = Merge(old, state.Reputation) },
                    SubjectStateEntity.ToReputationEntity,
                    cancellationToken).ConfigureAwait(false);
                await _reputation.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                result = result with { ReputationMoved = result.ReputationMoved + 1 };
            }

            progress?.Report(result);
        }

        return result;
    }

    /// <summary>The state of the subject whose kind code and encoded value a key of an earlier table holds.</summary>
    private static string StatePartition(string tenant, string code, string encodedValue) =>
        string.Concat(TableKeyEncoder.Join(tenant, code), TableKeyEncoder.Separator.ToString(), encodedValue);

    /// <summary>Whether <paramref name="current"/> already counts <paramref name="old"/>'s newest label.</summary>
    private static bool Holds(EntityReputation current, EntityReputation old) =>
        old.LabelId is null
        || string.Equals(current.LabelId, old.LabelId, StringComparison.Ordinal)
        || current.RecentLabelIds.Contains(old.LabelId, StringComparer.Ordinal);

    /// <summary>
    /// The labels of both: the newest label decides the standing (as <see cref="EntityReputation.WithLabel"/> would),
    /// the counts add up (labels before the upgrade are in <paramref name="old"/>, later ones in <paramref name="current"/>).
    /// </summary>
    private static EntityReputation Merge(EntityReputation old, EntityReputation current)
    {
        if (current.LabeledAt is null)
        {
            return old;
        }

        var oldIsNewer = old.LabeledAt is { } at
            && (at > current.LabeledAt || (at == current.LabeledAt && string.CompareOrdinal(old.LabelId, current.LabelId) > 0));
        var decider = oldIsNewer ? old : current;
        return decider with
        {
            FraudLabels = old.FraudLabels + current.FraudLabels,
            LegitLabels = old.LegitLabels + current.LegitLabels,
            RecentLabelIds = [.. current.RecentLabelIds.Concat(old.RecentLabelIds).Distinct(StringComparer.Ordinal).Take(EntityReputation.RecentLabelCapacity)],
        };
    }
}

/// <summary>What a <see cref="SubjectStateMigration"/> did so far.</summary>
/// <param name="LinksRead">Rows of the links table read.</param>
/// <param name="LinksAdded">Links written into a state (the others were there already).</param>
/// <param name="ReputationMoved">Reputation rows folded into a state and deleted.</param>
/// <param name="Skipped">Links rows that cannot be migrated (a hashed value, an unknown key shape).</param>
public sealed record SubjectStateMigrationResult(long LinksRead = 0, long LinksAdded = 0, long ReputationMoved = 0, long Skipped = 0);
