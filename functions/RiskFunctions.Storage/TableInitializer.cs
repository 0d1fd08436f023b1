namespace RiskFunctions.Storage;

/// <summary>
/// Creates a feature's tables (create-if-not-exists) once per process. Start-up calls it to create them early;
/// repositories await it before their first operation, which costs nothing once it has succeeded. A failure
/// (storage unreachable at start-up) is not remembered: the next call tries again.
/// </summary>
public sealed class TableInitializer
{
    private readonly RiskTables _tables;
    private readonly IReadOnlyList<string> _names;
    private readonly Lock _gate = new();
    private Task? _creation;

    public TableInitializer(RiskTables tables, params IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        _tables = tables;
        _names = names;
    }

    /// <summary>The logical table names (without the prefix).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Completes when every table exists.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        var creation = _creation;
        if (creation is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                // Not tied to the caller's token: one caller giving up must not fail the creation for the others.
                _creation = _tables.EnsureCreatedAsync(_names, CancellationToken.None);
            }

            return _creation.WaitAsync(cancellationToken);
        }
    }
}
