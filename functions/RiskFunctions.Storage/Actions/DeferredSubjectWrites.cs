using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// The user and device states and index rows (and the index rows of subjects without a state) of actions whose writes
/// are kept back to be written together
/// (<see cref="SubjectStateRepository.WriteDeferredAsync"/>): a subject's k actions cost one transaction (k index rows
/// and the final state) instead of k. Meanwhile <see cref="Current"/> answers the state as it will be written, so the
/// subject's next action is counted exactly as after a write and a read. Only for a writer that alone writes these
/// subjects for a while (an import segment's group): the write stays conditional on the version first read, and a
/// state changed meanwhile is read again and the kept-back actions applied on top of it. Thread-safe.
/// </summary>
public sealed class DeferredSubjectWrites
{
    private readonly ConcurrentDictionary<ActionSubject, Pending> _pending = new();

    /// <summary>Whether the writes of subjects of <paramref name="kind"/> are kept back: users and devices (an IP address is shared by every group).</summary>
    public static bool Defers(ActionSubjectKind kind) => kind is ActionSubjectKind.UserId or ActionSubjectKind.DeviceId;

    /// <summary>The subject's state with every kept-back action applied, or <c>null</c> when none is kept back.</summary>
    public SubjectState? Current(ActionSubject subject) => _pending.TryGetValue(subject, out var pending) ? pending.Current : null;

    private readonly ConcurrentDictionary<(string PartitionKey, string RowKey), TableEntity> _indexRows = new();

    /// <summary>Whether nothing is kept back.</summary>
    public bool IsEmpty => _pending.IsEmpty && _indexRows.IsEmpty;

    /// <summary>Keeps back the index row of a subject without a state (fingerprint, public key, correlation id, ...).</summary>
    internal void AddIndexRow(TableEntity index) => _indexRows[(index.PartitionKey, index.RowKey)] = index;

    /// <summary>The kept-back index rows of subjects without a state, which are forgotten.</summary>
    internal IReadOnlyList<TableEntity> TakeIndexRows()
    {
        var taken = _indexRows.Values.ToList();
        _indexRows.Clear();
        return taken;
    }

    /// <summary>Keeps back an action's index row and its change to the subject's state (<paramref name="stored"/>: the state as stored, when nothing is kept back yet).</summary>
    internal void Add(ActionSubject subject, SubjectState stored, TableEntity index, Func<SubjectState, SubjectState> change)
    {
        var pending = _pending.GetOrAdd(subject, _ => new Pending(stored));
        lock (pending)
        {
            pending.Current = change(pending.Current);
            pending.Index[index.RowKey] = index;
            pending.Changes.Add(change);
        }
    }

    /// <summary>Everything kept back, which is forgotten.</summary>
    internal IReadOnlyList<Pending> TakeAll()
    {
        var taken = _pending.Values.ToList();
        _pending.Clear();
        return taken;
    }

    internal sealed class Pending(SubjectState stored)
    {
        /// <summary>The state as stored before the kept-back actions (its version guards the write).</summary>
        public SubjectState Stored { get; } = stored;

        public SubjectState Current { get; set; } = stored;

        public Dictionary<string, TableEntity> Index { get; } = new(StringComparer.Ordinal);

        public List<Func<SubjectState, SubjectState>> Changes { get; } = [];
    }
}
