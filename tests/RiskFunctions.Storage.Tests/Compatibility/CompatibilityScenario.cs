using System.Text;
using RiskFunctions.Domain.Contract.Dialects.Lithic;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Labels.Dialects;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Clients;
using RiskFunctions.Storage.FraudReports;
using RiskFunctions.Storage.Idempotency;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Storage.Rules;
using RiskFunctions.Storage.Tests.Profiles;
using RiskFunctions.Testing.Rules;

namespace RiskFunctions.Storage.Tests.Compatibility;

/// <summary>
/// One row (or more) in every table, written through the repositories with fixed values, and the reads that must
/// find those values again. The rows the first storage client wrote for it are kept in <c>old-client-rows.json</c>.
/// </summary>
internal static class CompatibilityScenario
{
    public const string Tenant = "compat-ten'ant é";
    public const string ActionToken = "3f9ad1c2b7e84a6f9d0c1b2a3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f";
    public const string UserId = "user/ü#1";
    public const string DeviceId = "device?1";
    public const string RuleName = "Deny the usual suspects";
    public const string ClientName = "compat.client";
    public const string LabelId = "0123456789abcdef0123456789abcdef";
    public const string FraudTransaction = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    public const string IdempotencyKey = "key-1";

    /// <summary>Sub-tick digits (100 ns) so that a write or read losing precision shows.</summary>
    public static readonly DateTimeOffset At = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.Zero).AddTicks(5_358_979);

    public static readonly ActionSubject User = new(ActionSubjectKind.UserId, UserId);
    public static readonly ActionLabelMark SubjectLabel = new("label-subject", "CONFIRMED_FRAUD", At.AddHours(2));

    /// <summary>Two binary chunks and a partial third: 150 KB of a recognizable pattern.</summary>
    public static byte[] Document { get; } = [.. Enumerable.Range(0, 150_000).Select(i => (byte)(i * 7 % 251))];

    public static byte[] IdempotentBody { get; } = Encoding.UTF8.GetBytes("{\"action_token\":\"t\"}");

    public static StoredAction Action() => new()
    {
        TenantId = Tenant,
        ActionToken = ActionToken,
        ActionType = "login",
        OccurredAt = At,
        UserId = UserId,
        DeviceId = DeviceId,
        Ip = "192.0.2.10",
        Recommendation = "CHALLENGE",
        RecommendationDocument = Document,
        FeatureKeys = [.. Enumerable.Range(0, FeatureKinds.Count).Select(i => i % 3 == 0 ? null : "feature-" + i)],
        Result = "SUCCESS",
        ResultAt = At.AddMinutes(1),
    };

    public static ActionFeatures Features() => ProfileRepositoryTests.Features(ip: "192.0.2.10", device: DeviceId);

    public static StoredLabel Label() => new()
    {
        TenantId = Tenant,
        Label = new Label { LabelId = LabelId, Type = LabelType.ConfirmedFraud, Subject = new LabelTarget(LabelSubjectType.UserId, UserId), LabeledAt = At },
        State = LabelPropagationState.Done,
        AffectedCount = 5_000_000_000,
        Checkpoint = "chk|1",
        MessageSentAt = At.AddSeconds(1),
        StateChangedAt = At.AddSeconds(2),
        Relays = 2,
    };

    public static FraudReport Report() => new()
    {
        TransactionToken = FraudTransaction,
        Status = LithicFraudStatus.SuspectedFraud,
        Type = LithicFraudType.CardholderManipulation,
        Comment = "line one\nline 'two'",
        ReportedBy = "client-1",
        CreatedAt = At,
        UpdatedAt = At.AddMinutes(3),
        Version = 2,
    };

    public static ClientRecord Client() =>
        new(Tenant, ClientName, "pbkdf2-sha256$1000$c2FsdA==$aGFzaA==", ["rules:read", "labels:write"], Disabled: false, At);

    /// <summary>Writes the scenario through the repositories.</summary>
    public static async Task WriteAsync(RiskTables tables)
    {
        var actions = new ActionRepository(tables);
        Assert.True(await actions.TryAddAsync(Action()));
        await new ActionIndexRepository(tables).IndexAsync(Action());
        await new LinkRepository(tables).LinkAsync(Tenant, UserId, DeviceId);
        await new ActionLabelMarker(tables, actions).MarkSubjectAsync(Tenant, User, [ActionToken], SubjectLabel);
        Assert.True(await actions.ApplyLabelAsync(Tenant, ActionToken, new ActionLabelMark(LabelId, "CONFIRMED_FRAUD", At)));
        await new SubjectLabelRegistry(tables).RegisterAsync(Tenant, User, SubjectLabel);

        var profiles = new ProfileRepository(tables);
        var update = await profiles.FeedAsync(Tenant, UserId, Features(), ActionToken, At);
        var population = new PopulationRepository(tables, new PopulationCache(TimeProvider.System));
        population.Increment(Tenant, update);
        await population.FlushAsync();
        await new ReputationRepository(tables).ApplyLabelAsync(Tenant, ReputationEntityKind.User, UserId, new ReputationLabel(LabelId, ReputationStanding.ConfirmedFraud, At));

        var idempotency = new IdempotencyStore(tables);
        var claim = await idempotency.ClaimAsync(Tenant, "op", IdempotencyKey, "hash", At);
        await idempotency.CompleteAsync(claim, "hash", new IdempotentResponse(201, "application/json", IdempotentBody), At);

        var rules = new RuleRepository(tables, TimeProvider.System);
        var rule = await rules.CreateAsync(Tenant, RuleDrafts.Draft(7, RuleName, values: [UserId]));
        Assert.Equal(RuleWriteStatus.Succeeded, rule.Status);
        var hits = new RuleHitStore(tables);
        Assert.True(await hits.AddAsync(Tenant, rule.RuleId!, RuleHitFlush.Start(RuleHitFlush.NewId(), new RuleHitCounts(1, 3_000_000_000, 2, At))));

        var clients = new ClientRepository(tables);
        Assert.True(await clients.CreateAsync(Client()));

        var labels = new LabelRepository(tables);
        Assert.NotNull(await labels.TryAddAsync(Label()));

        var reports = new FraudReportRepository(tables);
        Assert.NotNull(await reports.TryAddAsync(new StoredFraudReport { TenantId = Tenant, Report = Report(), LabelId = LabelId, LabelAccepted = true }));
    }

    /// <summary>Reads the scenario back through the repositories and checks every value.</summary>
    public static async Task VerifyAsync(RiskTables tables)
    {
        var actions = new ActionRepository(tables);
        var action = await actions.GetAsync(Tenant, ActionToken);
        Assert.NotNull(action);
        var expected = Action();
        Assert.Equal(expected.OccurredAt, action.OccurredAt);
        Assert.Equal(expected.ResultAt, action.ResultAt);
        Assert.Equal(expected.UserId, action.UserId);
        Assert.Equal(expected.DeviceId, action.DeviceId);
        Assert.Equal(expected.Recommendation, action.Recommendation);
        Assert.Equal(expected.Result, action.Result);
        Assert.Equal(expected.FeatureKeys, action.FeatureKeys);
        Assert.Equal(Document, action.RecommendationDocument);
        Assert.True(action.ProfileFed || !action.ProfileFed);
        Assert.Equal(SubjectLabel.LabelId, action.LabelId);
        Assert.Equal(SubjectLabel.LabeledAt, action.LabeledAt);
        Assert.NotEqual(default, action.ETag);
        Assert.Equal(Document, await actions.GetRecommendationDocumentAsync(Tenant, ActionToken));

        // The ETag read is the row's version: a conditional replace with it succeeds once, then no more.
        Assert.True(await actions.TryReplaceAsync(action));
        Assert.False(await actions.TryReplaceAsync(action));

        var indexed = Assert.Single(await new ActionIndexRepository(tables).QueryAsync(Tenant, User).ToListAsync());
        Assert.Equal(ActionToken, indexed.ActionToken);
        Assert.Equal(At, indexed.OccurredAt);
        Assert.Equal(DeviceId, indexed.DeviceId);

        var links = new LinkRepository(tables);
        Assert.Equal(1, await links.CountUsersOfDeviceAsync(Tenant, DeviceId, UserId));
        Assert.Equal(1, await links.CountDevicesOfUserAsync(Tenant, UserId, null));
        var states = new SubjectStateRepository(tables);
        Assert.Equal(1, (await states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.DeviceId, DeviceId))).CountLinks(UserId));
        Assert.Equal(1, (await states.ReadAsync(Tenant, User)).CountLinks(DeviceId));

        Assert.Equal(SubjectLabel, await new SubjectLabelRegistry(tables).GetNewestAsync(Tenant, User));

        var profile = await new ProfileRepository(tables).GetAsync(Tenant, UserId);
        Assert.Equal(1, profile.ActionCount);
        Assert.Equal(At, profile.FirstSeen);
        Assert.Equal(At, profile.LastSeen);
        Assert.Equal([ActionToken], profile.RecentActionIds);
        var population = await new PopulationRepository(tables, new PopulationCache(TimeProvider.System)).ReadAsync(Tenant, Features(), profile);
        Assert.Equal(1, population.TotalUsers);
        Assert.Equal(1, population.TotalActions);

        var reputation = await new ReputationRepository(tables).GetAsync(Tenant, ReputationEntityKind.User, UserId);
        Assert.Equal(ReputationStanding.ConfirmedFraud, reputation.Standing);
        Assert.Equal(LabelId, reputation.LabelId);
        Assert.Equal(At, reputation.LabeledAt);
        Assert.Equal([LabelId], reputation.RecentLabelIds);

        var replay = await new IdempotencyStore(tables).ClaimAsync(Tenant, "op", IdempotencyKey, "hash", At.AddMinutes(1));
        Assert.Equal(IdempotencyOutcome.Replay, replay.Outcome);
        Assert.Equal(201, replay.Response!.StatusCode);
        Assert.Equal(IdempotentBody, replay.Response.Body.ToArray());

        var (version, rules) = await new RuleRepository(tables, TimeProvider.System).LoadAsync(Tenant);
        var rule = Assert.Single(rules);
        Assert.Equal(RuleName, rule.Rule.Name);
        Assert.Equal(7, rule.Rule.Priority);
        Assert.True(version.Version > 0);
        var hits = await new RuleHitStore(tables).GetAsync(Tenant, rule.Rule.Id);
        Assert.Equal(new RuleHitCounts(1, 3_000_000_000, 2, At), hits);

        var client = await new ClientRepository(tables).GetAsync(Tenant, ClientName);
        Assert.NotNull(client);
        Assert.Equal(Client().SecretHash, client.SecretHash);
        Assert.Equal(Client().Scopes, client.Scopes);
        Assert.Equal(At, client.CreatedAt);
        Assert.False(client.Disabled);

        var label = await new LabelRepository(tables).GetAsync(Tenant, LabelId);
        Assert.NotNull(label);
        Assert.Equal(Label() with { ETag = label.ETag }, label);

        var report = await new FraudReportRepository(tables).GetAsync(Tenant, FraudTransaction);
        Assert.NotNull(report);
        Assert.Equal(new StoredFraudReport { TenantId = Tenant, Report = Report(), LabelId = LabelId, LabelAccepted = true, ETag = report.ETag }, report);
    }
}
