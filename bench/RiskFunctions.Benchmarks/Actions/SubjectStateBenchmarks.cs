using System.Globalization;
using System.Text;
using Azure;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using BenchmarkDotNet.Attributes;
using RiskFunctions.Storage.Actions;

namespace RiskFunctions.Benchmarks.Actions;

/// <summary>
/// What trigger-action does in memory with one subject state: add the action to it, map it to the entity written, map
/// a read entity back, and the Azure SDK's own work for the point read and the merge of that entity (answered from
/// memory by <see cref="CannedTableHandler"/>, so no network is measured). A state holds up to
/// <see cref="SubjectState.MaxRecent"/> recent actions and 1,000 links: <see cref="Entries"/> = the cap is the largest a
/// state gets (a busy address's actions, a shared device's users), 10 a typical user's. The cap keeps the base64 text of
/// the recent list (32 bytes an action) below 85,000 bytes: at 1,000 actions the SDK's strings landed on the large object
/// heap, which run 11 in bench/results/actions.md measured with 995 and 1,000 here. <see cref="ApplyPrevious"/> is how the action was added before
/// (a sort of the whole list on every action), the baseline of <see cref="Apply"/>.
/// </summary>
[MemoryDiagnoser]
public class SubjectStateBenchmarks
{
    private const string PartitionKey = "bench|ip|192.0.2.1";

    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private SubjectState _state = null!;
    private TableEntity _entity = null!;
    private RecentAction _action;
    private ActionUser _user;
    private TableClient _table = null!;

    [Params(10, SubjectState.MaxRecent)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // A state built the way actions build it: one action a few seconds apart, each with its own user and device.
        var state = SubjectState.Empty;
        for (var i = 0; i < Entries; i++)
        {
            var at = Now.AddSeconds(-3 * (Entries - i));
            var entry = new RecentAction(at.UtcTicks, SubjectStateHash.Of("token" + i), SubjectStateHash.Of("user" + i), SubjectStateHash.Of("device" + i));
            state = state.With(entry, Window, "device" + i, new ActionUser(entry.User, at.UtcTicks - TimeSpan.TicksPerDay, null), ActionSubjectKind.UserId);
        }

        _entity = SubjectStateEntity.ToActionEntity(PartitionKey, state);
        _entity.ETag = new ETag("W/\"datetime'2026-12-06T10%3A00%3A00.0000000Z'\"");
        _state = SubjectStateEntity.FromEntity(_entity);
        _action = new RecentAction(Now.UtcTicks, SubjectStateHash.Of("new-token"), SubjectStateHash.Of("user-new"), SubjectStateHash.Of("device-new"));
        _user = new ActionUser(_action.User, Now.UtcTicks - TimeSpan.TicksPerDay, null);

        var options = new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(new CannedTableHandler(EntityJson(_entity)))) };
        options.Retry.MaxRetries = 0;
        _table = new TableClient(new Uri("http://127.0.0.1:10002/devstoreaccount1"), "bench", new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])), options);
    }

    /// <summary>The action and its device added to the state (<c>SubjectState.With</c>).</summary>
    [Benchmark]
    public SubjectState Apply() => _state.With(_action, Window, "device-new", _user, ActionSubjectKind.UserId);

    /// <summary>The same as <c>SubjectState.With</c> did it before: the recent actions and the links sorted again, with LINQ.</summary>
    [Benchmark(Baseline = true)]
    public SubjectState ApplyPrevious()
    {
        var recent = _state.Recent;
        if (!recent.Any(existing => existing.Token == _action.Token))
        {
            var newest = Math.Max(_action.Ticks, recent.Count == 0 ? long.MinValue : recent[^1].Ticks);
            var oldest = newest - Window.Ticks;
            var kept = recent.Where(existing => existing.Ticks >= oldest).Append(_action).OrderBy(existing => existing.Ticks).ToList();
            recent = kept.Count > SubjectState.MaxRecent ? kept[^SubjectState.MaxRecent..] : kept;
        }

        var links = _state.Links;
        var contains = links is List<ulong> list ? list.BinarySearch(SubjectStateHash.Of("device-new")) >= 0 : links.Contains(SubjectStateHash.Of("device-new"));
        if (links.Count < SubjectState.MaxLinks && !contains)
        {
            links = [.. links.Append(SubjectStateHash.Of("device-new")).Order()];
        }

        return _state with { Recent = recent, Links = links, FirstSeenTicks = _state.FirstSeenFor(_action.Ticks) };
    }

    /// <summary>The state as the entity the action's transaction merges.</summary>
    [Benchmark]
    public TableEntity ToEntity() => SubjectStateEntity.ToActionEntity(PartitionKey, _state);

    /// <summary>A read entity back to the state.</summary>
    [Benchmark]
    public SubjectState FromEntity() => SubjectStateEntity.FromEntity(_entity);

    /// <summary>The SDK's point read of the state row: request, signing, the JSON answer parsed into a <see cref="TableEntity"/>.</summary>
    [Benchmark]
    public async Task<TableEntity?> SdkPointRead() =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, "~state")).Value;

    /// <summary>The SDK's merge of the state row: the entity serialized to OData JSON, the request signed and sent.</summary>
    [Benchmark]
    public Task<Response> SdkMerge() => _table.UpdateEntityAsync(_entity, _entity.ETag, TableUpdateMode.Merge);

    /// <summary>The row as the service answers a point read of it (binary as base64, with OData type annotations).</summary>
    private static string EntityJson(TableEntity entity)
    {
        var json = new StringBuilder()
            .Append("{\"odata.metadata\":\"http://127.0.0.1:10002/devstoreaccount1/$metadata#bench/@Element\",")
            .Append("\"odata.etag\":\"W/\\\"datetime'2026-12-06T10%3A00%3A00.0000000Z'\\\"\",")
            .Append(CultureInfo.InvariantCulture, $"\"PartitionKey\":\"{entity.PartitionKey}\",\"RowKey\":\"{entity.RowKey}\",\"Timestamp\":\"2026-12-06T10:00:00.0000000Z\"");
        foreach (var (name, value) in entity)
        {
            switch (value)
            {
                case byte[] bytes:
                    json.Append(CultureInfo.InvariantCulture, $",\"{name}@odata.type\":\"Edm.Binary\",\"{name}\":\"{Convert.ToBase64String(bytes)}\"");
                    break;
                case long number:
                    json.Append(CultureInfo.InvariantCulture, $",\"{name}@odata.type\":\"Edm.Int64\",\"{name}\":\"{number}\"");
                    break;
            }
        }

        return json.Append('}').ToString();
    }
}
