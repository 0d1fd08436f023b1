using System.Globalization;
using Azure.Data.Tables;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Domain.Rules.Requests;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Rules;

/// <summary>
/// A tenant's rules in Table Storage. Every change is one entity group transaction over the tenant's partition
/// that writes the rule, its name and priority reservations and the rule-set version row together, so names and
/// priorities stay unique under any concurrency and readers see either all of a change or none of it.
/// </summary>
/// <remarks>
/// The version row is updated with its ETag, which serializes a tenant's changes: a transaction that lost the
/// race on it (412) is rebuilt from fresh reads and retried, while one that lost on a reservation (409) reports
/// the collision. Reservations are placed first in each transaction because the service reports the first
/// failing operation: a collision is then reported as such even when the version moved too.
/// An update or delete may be conditional on the rule's revision (<see cref="RuleRevisionCondition"/>). The condition
/// is checked against the rule as read, and the transaction writes the rule row with that read's ETag, so a rule that
/// changed in between fails the transaction and the condition is checked again against the fresh read: the check
/// and the write are one conditional write, never a read-then-write race.
/// </remarks>
public class RuleRepository
{
    /// <summary>Logical name of the rules table (<see cref="RuleTableKeys"/> owns it).</summary>
    public const string TableName = RuleTableKeys.RulesTableName;

    private const int MaxAttempts = 20;

    /// <summary>Point reads in flight for one page of rules: a page may hold a hundred, and one request must not take every connection.</summary>
    private const int PageReadConcurrency = 16;

    private readonly TableClient _table;
    private readonly TimeProvider _time;

    public RuleRepository(RiskTables tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _table = tables.GetTable(RuleTableKeys.RulesTableName);
        _time = time;
    }

    /// <summary>For mocking.</summary>
    protected RuleRepository()
    {
        _table = null!;
        _time = TimeProvider.System;
    }

    /// <summary>Creates a rule with a new id; the name is generated from the id when the draft has none.</summary>
    public virtual async Task<RuleWriteResult> CreateAsync(string tenantId, RuleDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var partition = RuleTableKeys.Partition(tenantId);
        var id = Guid.NewGuid().ToString("N");
        var rule = ToRule(id, draft.Name ?? RuleRequestValidator.GeneratedName(id), draft, revision: 1);

        return await RetryAsync(id, async () =>
        {
            var version = await ReadVersionAsync(partition, cancellationToken);
            if (LimitProblem(version, addedRules: 1, addedValues: rule.Matcher.Values.Count) is { } limit)
            {
                return new RuleWriteResult(RuleWriteStatus.TenantLimitReached, id, Detail: limit);
            }

            var now = _time.GetUtcNow();
            var change = new RuleChange(partition, version, now);
            change.Reserve(RuleTableKeys.Priority(rule.Priority), id);
            change.Reserve(RuleTableKeys.Name(rule.Name), id);
            change.Add(new(TableTransactionActionType.Add, RuleEntityMapper.ToEntity(partition, rule, now, now)));
            return await SubmitAsync(change, id, rule.Revision, ruleDelta: 1, valueDelta: rule.Matcher.Values.Count, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Replaces a rule's definition. Without a name in the draft the rule keeps its name. An update that changes
    /// nothing writes nothing (and keeps the rule's hit counts). With <paramref name="condition"/> the rule is changed
    /// only while it is at a revision the condition accepts.
    /// </summary>
    public virtual Task<RuleWriteResult> UpdateAsync(
        string tenantId, string ruleId, RuleDraft draft, RuleRevisionCondition? condition = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return ChangeExistingAsync(tenantId, ruleId, condition, (stored, version, partition) =>
        {
            var old = stored.Rule;
            var rule = ToRule(ruleId, draft.Name ?? old.Name, draft, old.Revision + 1);
            if (SameDefinition(old, rule))
            {
                return Task.FromResult<RuleWriteResult?>(new RuleWriteResult(RuleWriteStatus.Succeeded, ruleId, version.Version, Revision: old.Revision));
            }

            var valueDelta = rule.Matcher.Values.Count - old.Matcher.Values.Count;
            if (LimitProblem(version, addedRules: 0, addedValues: valueDelta) is { } limit)
            {
                return Task.FromResult<RuleWriteResult?>(new RuleWriteResult(RuleWriteStatus.TenantLimitReached, ruleId, Detail: limit));
            }

            var now = _time.GetUtcNow();
            var change = new RuleChange(partition, version, now);
            var (oldPriority, newPriority) = (RuleTableKeys.Priority(old.Priority), RuleTableKeys.Priority(rule.Priority));
            var (oldName, newName) = (RuleTableKeys.Name(old.Name), RuleTableKeys.Name(rule.Name));
            if (oldPriority != newPriority)
            {
                change.Reserve(newPriority, ruleId);
            }

            if (oldName != newName)
            {
                change.Reserve(newName, ruleId);
            }

            if (oldPriority != newPriority)
            {
                change.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, oldPriority)));
            }

            if (oldName != newName)
            {
                change.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, oldName)));
            }

            change.Add(new(TableTransactionActionType.UpdateReplace, RuleEntityMapper.ToEntity(partition, rule, stored.CreatedAt, now), stored.ETag));
            return SubmitAsync(change, ruleId, rule.Revision, ruleDelta: 0, valueDelta, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Deletes a rule and frees its name and priority. With <paramref name="condition"/> the rule is deleted only while
    /// it is at a revision the condition accepts.
    /// </summary>
    public virtual Task<RuleWriteResult> DeleteAsync(
        string tenantId, string ruleId, RuleRevisionCondition? condition = null, CancellationToken cancellationToken = default) =>
        ChangeExistingAsync(tenantId, ruleId, condition, (stored, version, partition) =>
        {
            var rule = stored.Rule;
            var change = new RuleChange(partition, version, _time.GetUtcNow());
            change.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, RuleTableKeys.Rule(ruleId)), stored.ETag));
            change.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, RuleTableKeys.Priority(rule.Priority))));
            change.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, RuleTableKeys.Name(rule.Name))));
            return SubmitAsync(change, ruleId, revision: 0, ruleDelta: -1, valueDelta: -rule.Matcher.Values.Count, cancellationToken);
        }, cancellationToken);

    /// <summary>One rule of the tenant, or <see langword="null"/>.</summary>
    public virtual async Task<StoredRule?> GetAsync(string tenantId, string ruleId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(RuleTableKeys.Partition(tenantId), RuleTableKeys.Rule(ruleId), cancellationToken: cancellationToken);
        return response.HasValue ? RuleEntityMapper.FromEntity(response.Value!) : null;
    }

    /// <summary>All of the tenant's rules, by ascending priority.</summary>
    public virtual async Task<IReadOnlyList<StoredRule>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.And(
            TableFilter.Create($"PartitionKey eq {RuleTableKeys.Partition(tenantId)}"),
            TableFilter.PrefixRange("RowKey", RuleTableKeys.RulePrefix));
        var rules = new List<StoredRule>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rules.Add(RuleEntityMapper.FromEntity(entity));
        }

        rules.Sort(static (a, b) => a.Rule.Priority.CompareTo(b.Rule.Priority));
        return rules;
    }

    /// <summary>
    /// One page of the tenant's rules, by ascending priority, after the rule at priority <paramref name="after"/> (a
    /// <see cref="IsPageCursor">cursor</see> this method answered), and the cursor of the next page: null on the last.
    /// </summary>
    /// <remarks>
    /// Reads only the page: the priority reservations (small rows keyed by the zero-padded priority, so the table
    /// answers them in the listing's order) from the cursor on, one more than the page to learn whether another
    /// page follows, then the page's rules by point reads. Priorities are unique within a tenant, so while nothing
    /// changes a walk gives every rule exactly once. A rule deleted, or moved to another priority, between the two
    /// reads is left out of the page; a rule whose priority changes during a walk may therefore be given twice (moved
    /// past the cursor) or not at all (moved before it), and a page may hold fewer rules than asked for. Every rule
    /// that does not change during the walk is given exactly once.
    /// </remarks>
    public virtual async Task<(IReadOnlyList<StoredRule> Rules, string? Continuation)> ListPageAsync(
        string tenantId, int pageSize, string? after, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (after is not null && !IsPageCursor(after))
        {
            throw new ArgumentException("Not a cursor of the rules listing.", nameof(after));
        }

        var partition = RuleTableKeys.Partition(tenantId);
        var filter = TableFilter.And(
            TableFilter.Create($"PartitionKey eq {partition}"),
            TableFilter.PrefixRange("RowKey", RuleTableKeys.PriorityPrefix));
        if (after is not null)
        {
            filter = TableFilter.And(filter, TableFilter.Create($"RowKey gt {RuleTableKeys.PriorityPrefix + after}"));
        }

        var reservations = new List<(string RowKey, string RuleId)>(pageSize + 1);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, pageSize + 1, ["RowKey", RuleEntityMapper.RuleIdProperty], cancellationToken))
        {
            reservations.Add((row.RowKey, row.GetString(RuleEntityMapper.RuleIdProperty)));
            if (reservations.Count > pageSize)
            {
                break;
            }
        }

        var page = reservations.Count > pageSize ? reservations[..pageSize] : reservations;
        var rules = new StoredRule?[page.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, page.Count),
            new ParallelOptions { MaxDegreeOfParallelism = PageReadConcurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var rule = await GetAsync(tenantId, page[i].RuleId, token);
                rules[i] = rule is not null && RuleTableKeys.Priority(rule.Rule.Priority) == page[i].RowKey ? rule : null;
            });

        var next = reservations.Count > pageSize ? page[^1].RowKey[RuleTableKeys.PriorityPrefix.Length..] : null;
        return ([.. rules.OfType<StoredRule>()], next);
    }

    /// <summary>Whether <paramref name="cursor"/> has the form of a cursor <see cref="ListPageAsync"/> answers.</summary>
    public static bool IsPageCursor(string cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        return cursor.Length == RuleTableKeys.PriorityDigits
            && cursor.All(char.IsAsciiDigit)
            && int.Parse(cursor, NumberStyles.None, CultureInfo.InvariantCulture) is >= RuleLimits.MinPriority and <= RuleLimits.MaxPriority;
    }

    /// <summary>The tenant's rule-set version: one point read, the cheap check behind the per-instance caches.</summary>
    public virtual async Task<RuleSetVersion> GetVersionAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        return await ReadVersionAsync(RuleTableKeys.Partition(tenantId), cancellationToken);
    }

    /// <summary>
    /// The version and the rules, read in that order: the rules are then at least as new as the version says, so a
    /// cache keyed by it can only be refreshed once too often, never miss a change.
    /// </summary>
    public virtual async Task<(RuleSetVersion Version, IReadOnlyList<StoredRule> Rules)> LoadAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var version = await GetVersionAsync(tenantId, cancellationToken);
        var rules = await ListAsync(tenantId, cancellationToken);
        return (version, rules);
    }

    private static RecommendationRule ToRule(string id, string name, RuleDraft draft, long revision) => new()
    {
        Id = id,
        Name = name,
        Priority = draft.Priority,
        Matcher = draft.Matcher,
        Recommendation = draft.Recommendation,
        Enabled = draft.Enabled,
        Mode = draft.Mode,
        Revision = revision,
    };

    private static bool SameDefinition(RecommendationRule a, RecommendationRule b) =>
        string.Equals(a.Name, b.Name, StringComparison.Ordinal)
        && a.Priority == b.Priority
        && a.Recommendation == b.Recommendation
        && a.Enabled == b.Enabled
        && a.Mode == b.Mode
        && a.Matcher.Kind == b.Matcher.Kind
        && a.Matcher.Values.SequenceEqual(b.Matcher.Values, StringComparer.Ordinal);

    private static string? LimitProblem(RuleSetVersion version, int addedRules, int addedValues)
    {
        if (version.RuleCount + addedRules > RuleLimits.MaxRulesPerTenant)
        {
            return string.Create(CultureInfo.InvariantCulture, $"a tenant holds at most {RuleLimits.MaxRulesPerTenant} rules");
        }

        var values = version.ValueCount + addedValues;
        return values > RuleLimits.MaxValuesPerTenant
            ? string.Create(CultureInfo.InvariantCulture,
                $"a tenant's rules hold at most {RuleLimits.MaxValuesPerTenant} matcher values in total; this change would bring them to {values}")
            : null;
    }

    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        // Jittered so that writers that collided once do not collide again in lockstep.
        var ceiling = Math.Min(5 * attempt, 50);
        return Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, ceiling + 1)), cancellationToken);
    }

    private async Task<RuleSetVersion> ReadVersionAsync(string partition, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partition, RuleTableKeys.Version, cancellationToken: cancellationToken);
        return response.HasValue ? RuleSetVersionMapper.FromEntity(response.Value!) : RuleSetVersion.None;
    }

    private async Task<(StoredRule? Rule, RuleSetVersion Version)> ReadRuleAndVersionAsync(string partition, string ruleId, CancellationToken cancellationToken)
    {
        var rule = _table.GetEntityIfExistsAsync<TableEntity>(partition, RuleTableKeys.Rule(ruleId), cancellationToken: cancellationToken);
        var version = ReadVersionAsync(partition, cancellationToken);

        // Both awaited together, so a failure of one is never left unobserved behind the other's.
        await Task.WhenAll(rule, version);
        var ruleResponse = await rule;
        return (ruleResponse.HasValue ? RuleEntityMapper.FromEntity(ruleResponse.Value!) : null, await version);
    }

    /// <summary>Runs <paramref name="attempt"/> until it returns a result (null: it lost a race and may try again).</summary>
    private static async Task<RuleWriteResult> RetryAsync(string ruleId, Func<Task<RuleWriteResult?>> attempt, CancellationToken cancellationToken)
    {
        for (var round = 1; round <= MaxAttempts; round++)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            await BackOffAsync(round, cancellationToken);
        }

        return new RuleWriteResult(RuleWriteStatus.Contended, ruleId);
    }

    /// <summary>
    /// A change to an existing rule, built afresh from the stored rule and version on every attempt. The change must
    /// write the rule row with the stored rule's ETag: that is what makes <paramref name="condition"/>, checked here
    /// against the stored revision, hold at the moment of the write.
    /// </summary>
    private async Task<RuleWriteResult> ChangeExistingAsync(
        string tenantId,
        string ruleId,
        RuleRevisionCondition? condition,
        Func<StoredRule, RuleSetVersion, string, Task<RuleWriteResult?>> change,
        CancellationToken cancellationToken)
    {
        var partition = RuleTableKeys.Partition(tenantId);
        return await RetryAsync(ruleId, async () =>
        {
            var (stored, version) = await ReadRuleAndVersionAsync(partition, ruleId, cancellationToken);
            if (stored is null)
            {
                return new RuleWriteResult(RuleWriteStatus.NotFound, ruleId);
            }

            return condition is null || condition.IsMetBy(stored.Rule.Revision)
                ? await change(stored, version, partition)
                : new RuleWriteResult(RuleWriteStatus.RevisionMismatch, ruleId, Revision: stored.Rule.Revision);
        }, cancellationToken);
    }

    /// <summary>
    /// Submits the change with its version bump. Success and reservation collisions are final; any other rejection
    /// (the version or the rule moved on, 412/404; the first version row was created concurrently, 409) is a lost
    /// race and answers null. Other failures throw.
    /// </summary>
    private async Task<RuleWriteResult?> SubmitAsync(
        RuleChange change, string ruleId, long revision, int ruleDelta, int valueDelta, CancellationToken cancellationToken)
    {
        var actions = change.Complete(ruleDelta, valueDelta);
        try
        {
            await _table.SubmitCheckedAsync(actions, cancellationToken);
            return new RuleWriteResult(RuleWriteStatus.Succeeded, ruleId, change.NextVersion, Revision: revision);
        }
        catch (TableTransactionFailedException failure) when (failure.Status is 409 && failure.FailedTransactionActionIndex < change.ReservationCount)
        {
            return await CollisionAsync(change, actions, failure, ruleId, cancellationToken);
        }
        catch (TableTransactionFailedException failure) when (failure.Status is 409 or 412 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Names the rules that hold the reservations the transaction collided with. The service reports only the first
    /// taken reservation; the ones after it are read too, so that a change wanting both a used priority and a used name
    /// hears of both at once.
    /// </summary>
    private async Task<RuleWriteResult> CollisionAsync(
        RuleChange change, IReadOnlyList<TableTransactionAction> actions, TableTransactionFailedException failure, string ruleId, CancellationToken cancellationToken)
    {
        var failed = failure.FailedTransactionActionIndex!.Value;
        var conflicts = new List<RuleConflict>(change.ReservationCount - failed);
        for (var index = failed; index < change.ReservationCount; index++)
        {
            var rowKey = actions[index].Entity.RowKey;
            var holder = await _table.GetEntityIfExistsAsync<TableEntity>(change.Partition, rowKey, cancellationToken: cancellationToken);
            if (index == failed || holder.HasValue)
            {
                var status = rowKey.StartsWith(RuleTableKeys.PriorityPrefix, StringComparison.Ordinal)
                    ? RuleWriteStatus.PriorityTaken
                    : RuleWriteStatus.NameTaken;
                conflicts.Add(new RuleConflict(status, holder.HasValue ? holder.Value!.GetString(RuleEntityMapper.RuleIdProperty) : null));
            }
        }

        return new RuleWriteResult(conflicts[0].Status, ruleId, Conflicts: conflicts);
    }
}
