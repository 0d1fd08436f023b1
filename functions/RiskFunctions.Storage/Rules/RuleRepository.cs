using System.Globalization;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Domain.Rules.Requests;
using RiskFunctions.Storage.Tables;

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
/// </remarks>
public class RuleRepository
{
    /// <summary>Logical name of the rules table.</summary>
    public const string TableName = "rules";

    private const int MaxAttempts = 20;

    private readonly TableClient _table;
    private readonly TableInitializer _initializer;
    private readonly TimeProvider _time;

    public RuleRepository(RiskTables tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _table = tables.GetTable(TableName);
        _initializer = new TableInitializer(tables, TableName);
        _time = time;
    }

    /// <summary>For mocking.</summary>
    protected RuleRepository()
    {
        _table = null!;
        _initializer = null!;
        _time = TimeProvider.System;
    }

    /// <summary>Creates the table unless it exists (start-up; other methods also ensure it on first use).</summary>
    public virtual Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        _initializer.EnsureCreatedAsync(cancellationToken);

    /// <summary>Creates a rule with a new id; the name is generated from the id when the draft has none.</summary>
    public virtual async Task<RuleWriteResult> CreateAsync(string tenantId, RuleDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await EnsureCreatedAsync(cancellationToken);
        var partition = RuleTableKeys.Partition(tenantId);
        var id = Guid.NewGuid().ToString("N");
        var rule = ToRule(id, draft.Name ?? RuleRequestValidator.GeneratedName(id), draft, revision: 1);

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var version = await ReadVersionAsync(partition, cancellationToken);
            if (LimitProblem(version, addedRules: 1, addedValues: rule.Matcher.Values.Count) is { } limit)
            {
                return new RuleWriteResult(RuleWriteStatus.TenantLimitReached, id, Detail: limit);
            }

            var now = _time.GetUtcNow();
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.Add, RuleEntityMapper.Reservation(partition, RuleTableKeys.Priority(rule.Priority), id)),
                new(TableTransactionActionType.Add, RuleEntityMapper.Reservation(partition, RuleTableKeys.Name(rule.Name), id)),
                new(TableTransactionActionType.Add, RuleEntityMapper.ToEntity(partition, rule, now, now)),
                VersionAction(partition, version, ruleDelta: 1, valueDelta: rule.Matcher.Values.Count, now),
            ];

            var failure = await TrySubmitAsync(actions, cancellationToken);
            if (failure is null)
            {
                return new RuleWriteResult(RuleWriteStatus.Succeeded, id, version.Version + 1);
            }

            if (failure is { Status: 409, FailedTransactionActionIndex: 0 or 1 } collision)
            {
                return await CollisionAsync(partition, actions, collision, id, cancellationToken);
            }

            await BackOffAsync(attempt, cancellationToken);
        }

        return new RuleWriteResult(RuleWriteStatus.Contended, id);
    }

    /// <summary>
    /// Replaces a rule's definition. Without a name in the draft the rule keeps its name. An update that changes
    /// nothing writes nothing (and keeps the rule's hit counts).
    /// </summary>
    public virtual async Task<RuleWriteResult> UpdateAsync(string tenantId, string ruleId, RuleDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await EnsureCreatedAsync(cancellationToken);
        var partition = RuleTableKeys.Partition(tenantId);

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (stored, version) = await ReadRuleAndVersionAsync(partition, ruleId, cancellationToken);
            if (stored is null)
            {
                return new RuleWriteResult(RuleWriteStatus.NotFound, ruleId);
            }

            var old = stored.Rule;
            var rule = ToRule(ruleId, draft.Name ?? old.Name, draft, old.Revision + 1);
            if (SameDefinition(old, rule))
            {
                return new RuleWriteResult(RuleWriteStatus.Succeeded, ruleId, version.Version);
            }

            var valueDelta = rule.Matcher.Values.Count - old.Matcher.Values.Count;
            if (LimitProblem(version, addedRules: 0, addedValues: valueDelta) is { } limit)
            {
                return new RuleWriteResult(RuleWriteStatus.TenantLimitReached, ruleId, Detail: limit);
            }

            var now = _time.GetUtcNow();
            var actions = new List<TableTransactionAction>(6);
            var priorityChanged = rule.Priority != old.Priority;
            var nameChanged = RuleTableKeys.Name(rule.Name) != RuleTableKeys.Name(old.Name);
            var priorityIndex = priorityChanged ? actions.Count : -1;
            if (priorityChanged)
            {
                actions.Add(new(TableTransactionActionType.Add, RuleEntityMapper.Reservation(partition, RuleTableKeys.Priority(rule.Priority), ruleId)));
            }

            var nameIndex = nameChanged ? actions.Count : -1;
            if (nameChanged)
            {
                actions.Add(new(TableTransactionActionType.Add, RuleEntityMapper.Reservation(partition, RuleTableKeys.Name(rule.Name), ruleId)));
            }

            if (priorityChanged)
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, RuleTableKeys.Priority(old.Priority))));
            }

            if (nameChanged)
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, RuleTableKeys.Name(old.Name))));
            }

            actions.Add(new(TableTransactionActionType.UpdateReplace, RuleEntityMapper.ToEntity(partition, rule, stored.CreatedAt, now), stored.ETag));
            actions.Add(VersionAction(partition, version, ruleDelta: 0, valueDelta, now));

            var failure = await TrySubmitAsync(actions, cancellationToken);
            if (failure is null)
            {
                return new RuleWriteResult(RuleWriteStatus.Succeeded, ruleId, version.Version + 1);
            }

            if (failure.Status == 409 && failure.FailedTransactionActionIndex is { } index && (index == priorityIndex || index == nameIndex))
            {
                return await CollisionAsync(partition, actions, failure, ruleId, cancellationToken);
            }

            await BackOffAsync(attempt, cancellationToken);
        }

        return new RuleWriteResult(RuleWriteStatus.Contended, ruleId);
    }

    /// <summary>Deletes a rule and frees its name and priority.</summary>
    public virtual async Task<RuleWriteResult> DeleteAsync(string tenantId, string ruleId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        var partition = RuleTableKeys.Partition(tenantId);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (stored, version) = await ReadRuleAndVersionAsync(partition, ruleId, cancellationToken);
            if (stored is null)
            {
                return new RuleWriteResult(RuleWriteStatus.NotFound, ruleId);
            }

            var rule = stored.Rule;
            var now = _time.GetUtcNow();
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.Delete, new TableEntity(partition, RuleTableKeys.Rule(ruleId)), stored.ETag),
                new(TableTransactionActionType.Delete, new TableEntity(partition, RuleTableKeys.Priority(rule.Priority))),
                new(TableTransactionActionType.Delete, new TableEntity(partition, RuleTableKeys.Name(rule.Name))),
                VersionAction(partition, version, ruleDelta: -1, valueDelta: -rule.Matcher.Values.Count, now),
            ];

            if (await TrySubmitAsync(actions, cancellationToken) is null)
            {
                return new RuleWriteResult(RuleWriteStatus.Succeeded, ruleId, version.Version + 1);
            }

            await BackOffAsync(attempt, cancellationToken);
        }

        return new RuleWriteResult(RuleWriteStatus.Contended, ruleId);
    }

    /// <summary>One rule of the tenant, or <see langword="null"/>.</summary>
    public virtual async Task<StoredRule?> GetAsync(string tenantId, string ruleId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(RuleTableKeys.Partition(tenantId), RuleTableKeys.Rule(ruleId), cancellationToken: cancellationToken);
        return response.HasValue ? RuleEntityMapper.FromEntity(response.Value!) : null;
    }

    /// <summary>All of the tenant's rules, by ascending priority.</summary>
    public virtual async Task<IReadOnlyList<StoredRule>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
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

    /// <summary>The tenant's rule-set version: one point read, the cheap check behind the per-instance caches.</summary>
    public virtual async Task<RuleSetVersion> GetVersionAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
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

    private static TableTransactionAction VersionAction(string partition, RuleSetVersion version, int ruleDelta, int valueDelta, DateTimeOffset now)
    {
        var entity = new TableEntity(partition, RuleTableKeys.Version)
        {
            [RuleSetVersionMapper.VersionProperty] = version.Version + 1,
            [RuleSetVersionMapper.RuleCountProperty] = version.RuleCount + ruleDelta,
            [RuleSetVersionMapper.ValueCountProperty] = version.ValueCount + valueDelta,
            [RuleSetVersionMapper.UpdatedAtProperty] = now,
        };
        return version.Exists
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, version.ETag)
            : new TableTransactionAction(TableTransactionActionType.Add, entity);
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
        var ruleResponse = await rule;
        return (ruleResponse.HasValue ? RuleEntityMapper.FromEntity(ruleResponse.Value!) : null, await version);
    }

    /// <summary>Submits; a rejected transaction is returned (nothing was applied), anything else throws.</summary>
    private async Task<TableTransactionFailedException?> TrySubmitAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
            return null;
        }
        catch (TableTransactionFailedException failure) when (failure.Status is 409 or 412 or 404)
        {
            return failure;
        }
    }

    /// <summary>Names the rule that holds the reservation the transaction collided with.</summary>
    private async Task<RuleWriteResult> CollisionAsync(
        string partition, IReadOnlyList<TableTransactionAction> actions, TableTransactionFailedException failure, string ruleId, CancellationToken cancellationToken)
    {
        var reservation = actions[failure.FailedTransactionActionIndex!.Value].Entity;
        var status = reservation.RowKey.StartsWith(RuleTableKeys.PriorityPrefix, StringComparison.Ordinal)
            ? RuleWriteStatus.PriorityTaken
            : RuleWriteStatus.NameTaken;
        var holder = await _table.GetEntityIfExistsAsync<TableEntity>(partition, reservation.RowKey, cancellationToken: cancellationToken);
        return new RuleWriteResult(status, ruleId, ConflictingRuleId: holder.HasValue ? holder.Value!.GetString(RuleEntityMapper.RuleIdProperty) : null);
    }
}
