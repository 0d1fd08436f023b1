using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RiskFunctions.Testing.Logging;

/// <summary>A logger provider that keeps every entry in memory, for tests that assert what a process logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    /// <summary>Every entry so far, in order of arrival.</summary>
    public IReadOnlyList<CapturedLogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            entries.Enqueue(new CapturedLogEntry(DateTimeOffset.UtcNow, category, logLevel, formatter(state, exception), exception));
        }
    }
}

/// <summary>One captured log entry.</summary>
public sealed record CapturedLogEntry(DateTimeOffset At, string Category, LogLevel Level, string Message, Exception? Exception)
{
    public override string ToString() => $"{At:HH:mm:ss.fff} {Level} {Category}: {Message}";
}
