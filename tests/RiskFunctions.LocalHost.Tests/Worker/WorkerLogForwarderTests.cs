using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.Logging;
using RiskFunctions.LocalHost.Configuration;
using RiskFunctions.LocalHost.Worker;

namespace RiskFunctions.LocalHost.Tests.Worker;

public sealed class WorkerLogForwarderTests
{
    [Fact]
    public void Forward_HostJsonLevels_FunctionLogsKeptAndSystemChatterDropped()
    {
        var captured = new CapturingProvider();
        var hostJson = HostJson.Parse("""{"logging":{"logLevel":{"default":"Warning","Function":"Information"}}}""");
        using var factory = LoggerFactory.Create(logging => HostLogging.Configure(logging, hostJson, l => l.AddProvider(captured)));
        var forwarder = new WorkerLogForwarder(factory, invocationId => invocationId == "inv-1" ? "Echo" : null);

        forwarder.Forward(Log("inv-1", RpcLog.Types.Level.Information, RpcLog.Types.RpcLogCategory.User, "user info"));
        forwarder.Forward(Log("inv-1", RpcLog.Types.Level.Debug, RpcLog.Types.RpcLogCategory.User, "user debug"));
        forwarder.Forward(Log("", RpcLog.Types.Level.Information, RpcLog.Types.RpcLogCategory.System, "system info"));
        forwarder.Forward(Log("", RpcLog.Types.Level.Error, RpcLog.Types.RpcLogCategory.System, "system error"));

        Assert.Equal(
            [("Function.Echo.User", LogLevel.Information, "user info"), ("Host.Function.Console", LogLevel.Error, "system error")],
            captured.Entries);
    }

    [Fact]
    public void Forward_ExceptionWithoutStackTrace_IsOneLine()
    {
        var captured = new CapturingProvider();
        using var factory = LoggerFactory.Create(logging => HostLogging.Configure(logging, HostJson.Parse("{}"), l => l.AddProvider(captured)));
        var forwarder = new WorkerLogForwarder(factory, _ => "Echo");
        var log = Log("inv-1", RpcLog.Types.Level.Error, RpcLog.Types.RpcLogCategory.User, "invocation failed");
        log.Exception = new RpcException { Type = "Echo.RetryLater", Message = "try again", StackTrace = "" };

        forwarder.Forward(log);

        Assert.Equal([("Function.Echo.User", LogLevel.Error, "invocation failed Echo.RetryLater: try again")], captured.Entries);
    }

    [Fact]
    public void Forward_ExceptionWithStackTrace_KeepsIt()
    {
        var captured = new CapturingProvider();
        using var factory = LoggerFactory.Create(logging => HostLogging.Configure(logging, HostJson.Parse("{}"), l => l.AddProvider(captured)));
        var forwarder = new WorkerLogForwarder(factory, _ => "Echo");
        var log = Log("inv-1", RpcLog.Types.Level.Error, RpcLog.Types.RpcLogCategory.User, "invocation failed");
        log.Exception = new RpcException { Type = "System.InvalidOperationException", Message = "bug", StackTrace = "   at Echo.Run()" };

        forwarder.Forward(log);

        Assert.EndsWith(Environment.NewLine + "   at Echo.Run()", Assert.Single(captured.Entries).Message, StringComparison.Ordinal);
    }

    private static RpcLog Log(string invocationId, RpcLog.Types.Level level, RpcLog.Types.RpcLogCategory category, string message) =>
        new() { InvocationId = invocationId, Level = level, LogCategory = category, Message = message };

    private sealed class CapturingProvider : ILoggerProvider
    {
        public List<(string Category, LogLevel Level, string Message)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, List<(string, LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Add((category, logLevel, formatter(state, exception)));
        }
    }
}
