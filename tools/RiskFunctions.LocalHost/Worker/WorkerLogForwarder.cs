using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.Logging;

namespace RiskFunctions.LocalHost.Worker;

/// <summary>
/// Writes the worker's <see cref="RpcLog"/> messages through this host's loggers, under the categories the real
/// host uses (<c>Function.{Name}.User</c> for a function's own logs, <c>Host.Function.Console</c> otherwise), so that
/// host.json <c>logging.logLevel</c> filters them as it would in Azure.
/// </summary>
internal sealed class WorkerLogForwarder(ILoggerFactory loggerFactory, Func<string, string?> functionNameOfInvocation)
{
    private readonly ILogger _system = loggerFactory.CreateLogger("Host.Function.Console");

    public void Forward(RpcLog log)
    {
        var level = ToLogLevel(log.Level);
        var logger = log.LogCategory == RpcLog.Types.RpcLogCategory.User
            && functionNameOfInvocation(log.InvocationId) is { } function
                ? loggerFactory.CreateLogger($"Function.{function}.User")
                : _system;
        if (!logger.IsEnabled(level))
        {
            return;
        }

        if (log.Exception is { StackTrace.Length: 0 } bare)
        {
            logger.Log(level, "{Message} {ExceptionType}: {ExceptionMessage}", log.Message, bare.Type, bare.Message);
        }
        else if (log.Exception is { } exception)
        {
            logger.Log(level, "{Message} {ExceptionType}: {ExceptionMessage}{NewLine}{StackTrace}",
                log.Message, exception.Type, exception.Message, Environment.NewLine, exception.StackTrace);
        }
        else
        {
            logger.Log(level, "{Message}", log.Message);
        }
    }

    private static LogLevel ToLogLevel(RpcLog.Types.Level level) => level switch
    {
        RpcLog.Types.Level.Trace => LogLevel.Trace,
        RpcLog.Types.Level.Debug => LogLevel.Debug,
        RpcLog.Types.Level.Information => LogLevel.Information,
        RpcLog.Types.Level.Warning => LogLevel.Warning,
        RpcLog.Types.Level.Error => LogLevel.Error,
        RpcLog.Types.Level.Critical => LogLevel.Critical,
        _ => LogLevel.None,
    };
}
