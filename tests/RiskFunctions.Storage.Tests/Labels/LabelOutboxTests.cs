using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Outbox;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Labels;

/// <summary>What the relay's search for abandoned labels reads: the outbox, not every label ever stored.</summary>
public sealed class LabelOutboxTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PendingBefore = At.AddMinutes(-5);
    private static readonly DateTimeOffset StalledBefore = At.AddMinutes(-25);
    private static readonly DateTimeOffset SentBefore = At.AddDays(-14);

    [Fact]
    public async Task QueryAbandoned_AfterTheFirstPass_ReadsTheOutboxAndLeavesFinishedLabelsOut()
    {
        var (labels, log, tables) = await LabelsAsync();
        var lost = await labels.TryAddAsync(Label("t1", At.AddMinutes(-10)));
        var stalled = await labels.TryAddAsync(Label("t2", At.AddHours(-1)) with { State = LabelPropagationState.Running });
        var recent = await labels.TryAddAsync(Label("t1", At));
        var finished = await labels.TryAddAsync(Label("t1", At.AddHours(-1)));
        await labels.TryUpdateAsync(finished! with { State = LabelPropagationState.Done });

        var first = await AbandonedAsync(labels);
        log.Clear();
        var second = await AbandonedAsync(labels);

        Assert.Equal(new[] { lost!.Label.LabelId, stalled!.Label.LabelId }.Order(StringComparer.Ordinal), first.Order(StringComparer.Ordinal));
        Assert.Equal(first.Order(StringComparer.Ordinal), second.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(log.Sent, request => request.EndsWith("labels()", StringComparison.Ordinal));
        Assert.Equal(
            new[] { lost.Label.LabelId, recent!.Label.LabelId, stalled.Label.LabelId }.Order(StringComparer.Ordinal),
            (await OutboxAsync(tables)).Order(StringComparer.Ordinal));
    }

    /// <summary>A label an earlier version stored has no outbox entry: the first pass of an instance sweeps the table for it.</summary>
    [Fact]
    public async Task QueryAbandoned_LabelStoredBeforeTheOutbox_FoundByTheFirstPassAndKeptInTheOutbox()
    {
        var (labels, _, tables) = await LabelsAsync();
        var earlier = Label("t-old", At.AddMinutes(-10));
        await tables.GetTable(LabelTables.LabelsTableName).AddEntityAsync(LabelsTable.ToEntity(earlier));

        var first = await AbandonedAsync(labels);
        var second = await AbandonedAsync(labels);

        Assert.Equal([earlier.Label.LabelId], first);
        Assert.Equal([earlier.Label.LabelId], second);
        Assert.Equal([earlier.Label.LabelId], await OutboxAsync(tables));
    }

    /// <summary>An entry whose label was never stored (the process stopped between the two writes) goes once it is as old as a lost label.</summary>
    [Fact]
    public async Task QueryAbandoned_EntryWithoutItsLabel_RemovedOnceOld()
    {
        var (labels, _, tables) = await LabelsAsync();
        var outbox = new OutboxIndex(tables);
        await outbox.AddAsync(OutboxKind.Label, "t1", "never-stored", At.AddMinutes(-10), CancellationToken.None);
        await outbox.AddAsync(OutboxKind.Label, "t1", "being-stored", At, CancellationToken.None);

        Assert.Empty(await AbandonedAsync(labels));
        Assert.Equal(["being-stored"], await OutboxAsync(tables));
    }

    /// <summary>
    /// A label whose message was sent since <c>sentBefore</c> is the queue's to deliver, however long it waits there: the
    /// relay neither sends it again nor counts it towards giving up. Once that message could have expired it is the relay's again.
    /// </summary>
    [Fact]
    public async Task QueryAbandoned_MessageSentWithinItsTimeToLive_IsLeftToTheQueue()
    {
        var (labels, _, _) = await LabelsAsync();
        var queued = await labels.TryAddAsync(Label("t1", At.AddHours(-3)) with { MessageSentAt = At.AddHours(-3) });
        var redelivering = await labels.TryAddAsync(Label("t1", At.AddHours(-3)) with { State = LabelPropagationState.Running, MessageSentAt = At.AddDays(-1) });
        var expired = await labels.TryAddAsync(Label("t2", At.AddDays(-15)) with { MessageSentAt = At.AddDays(-15) });
        var neverSent = await labels.TryAddAsync(Label("t2", At.AddHours(-3)));

        var abandoned = await AbandonedAsync(labels);

        Assert.Equal(new[] { expired!.Label.LabelId, neverSent!.Label.LabelId }.Order(StringComparer.Ordinal), abandoned.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(queued!.Label.LabelId, abandoned);
        Assert.DoesNotContain(redelivering!.Label.LabelId, abandoned);
    }

    /// <summary>A failed label put back to work is in the outbox again, so the relay finds it if its new run stops half way.</summary>
    [Fact]
    public async Task TryReopen_FailedLabel_IsInTheOutboxAgain()
    {
        var (labels, _, tables) = await LabelsAsync();
        var added = await labels.TryAddAsync(Label("t1", At.AddHours(-1)));
        var failed = await labels.TryUpdateAsync(added! with { State = LabelPropagationState.Failed, FailureReason = "given up" });
        var outboxWhenFailed = await OutboxAsync(tables);

        var reopened = await labels.TryReopenAsync(failed! with { State = LabelPropagationState.Running, FailureReason = null });
        var stale = await labels.TryReopenAsync(failed with { State = LabelPropagationState.Running });

        Assert.Empty(outboxWhenFailed);
        Assert.Equal(LabelPropagationState.Running, (await labels.GetAsync("t1", added.Label.LabelId))!.State);
        Assert.NotNull(reopened);
        Assert.Null(stale);
        Assert.Equal([added.Label.LabelId], await OutboxAsync(tables));
    }

    /// <summary>
    /// A label put back to work between the write that finished it and that write's removal of the outbox entry keeps
    /// the entry, and so does one reopened between the relay's listing of the entry and its removal: each removal is
    /// of the entry as it was before the label was found finished.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Remove_LabelReopenedBeforeItsFinishedEntryIsRemoved_StaysInTheOutbox(bool removedByTheFinishingWrite)
    {
        var prefix = azurite.NewTablePrefix();
        var (labels, _, tables) = await LabelsAsync(prefix);
        var added = await labels.TryAddAsync(Label("t1", At.AddHours(-1)));
        var finished = added! with { State = LabelPropagationState.Failed, FailureReason = "given up" };
        if (!removedByTheFinishingWrite)
        {
            // Finished by a process that died before removing the entry: the relay finds the entry and removes it.
            await tables.GetTable(LabelTables.LabelsTableName).UpdateEntityAsync(LabelsTable.ToEntity(finished), added.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
        }

        StoredLabel? reopened = null;
        var race = new RaceBeforeRequest(
            request => request.Method == Azure.Core.RequestMethod.Delete,
            async () =>
            {
                var current = await labels.GetAsync("t1", added.Label.LabelId);
                reopened = await labels.TryReopenAsync(current! with { State = LabelPropagationState.Running, FailureReason = null, StateChangedAt = At.AddHours(-1) });
            });
        var options = new Azure.Data.Tables.TableClientOptions();
        options.AddPolicy(race, Azure.Core.HttpPipelinePosition.PerRetry);
        var raced = new LabelRepository(new RiskTables(azurite.CreateServiceClient(options), prefix));

        if (removedByTheFinishingWrite)
        {
            await raced.TryUpdateAsync(finished);
        }
        else
        {
            Assert.Empty(await AbandonedAsync(raced));
        }

        Assert.True(race.Raced);
        Assert.NotNull(reopened);
        Assert.Equal([added.Label.LabelId], await OutboxAsync(tables));
        Assert.Equal([added.Label.LabelId], await AbandonedAsync(labels));
    }

    private static async Task<List<string>> AbandonedAsync(LabelRepository labels)
    {
        var found = new List<string>();
        await foreach (var label in labels.QueryAbandonedAsync(PendingBefore, StalledBefore, SentBefore))
        {
            found.Add(label.Label.LabelId);
        }

        return found;
    }

    private static async Task<List<string>> OutboxAsync(RiskTables tables)
    {
        var ids = new List<string>();
        await foreach (var entry in new OutboxIndex(tables).ListAsync(OutboxKind.Label, CancellationToken.None))
        {
            ids.Add(entry.ItemId);
        }

        return ids;
    }

    /// <summary>A table set per test: the relay's search sees every tenant of the table.</summary>
    private async Task<(LabelRepository Labels, TableRequestLog Log, RiskTables Tables)> LabelsAsync(string? prefix = null)
    {
        var (tables, log) = await LoggedTables.CreateAsync(azurite, LabelTables.All, prefix ?? azurite.NewTablePrefix());
        return (new LabelRepository(tables), log, tables);
    }

    private static StoredLabel Label(string tenant, DateTimeOffset changedAt) => new()
    {
        TenantId = tenant,
        Label = new Label { LabelId = Guid.NewGuid().ToString("N"), Type = LabelType.ConfirmedFraud, Subject = new LabelTarget(LabelSubjectType.UserId, "u"), LabeledAt = changedAt },
        StateChangedAt = changedAt,
    };
}
