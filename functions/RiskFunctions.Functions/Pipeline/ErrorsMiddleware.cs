using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Security.RateLimiting;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>
/// Turns what an HTTP function throws into an answer in its error format: client mistakes (unreadable bodies, limits)
/// into 4xx naming the field, a storage outage into 503 with <c>Retry-After</c>, anything else into 500 with a
/// trace id and nothing of the exception. An outage is logged as one line without a stack trace (it is not a fault of
/// the code, and every request fails alike), throttled by <see cref="OutageLogThrottle"/>.
/// </summary>
public sealed partial class ErrorsMiddleware(
    FunctionDeclarations declarations, OutageLogThrottle outageLog, ILogger<ErrorsMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = declarations.For(context) is not null ? context.GetHttpContext() : null;
        if (http is null)
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception exception) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            context.GetInvocationResult().Value = Answer(exception, http, context.FunctionDefinition.Name);
        }
    }

    private IResult Answer(Exception exception, HttpContext http, string function)
    {
        if (StorageAvailability.IsUnavailable(exception, http.RequestAborted))
        {
            if (outageLog.ShouldLog(out var unlogged))
            {
                LogStorageUnavailable(logger, function, OutageLogThrottle.Describe(exception), unlogged);
            }

            RetryAfter.Set(http.Response, StorageAvailability.RetryAfterSeconds);
            return ErrorResponses.Create(http, StatusCodes.Status503ServiceUnavailable, [StorageAvailability.Problem]);
        }

        if (ClientErrorTranslator.Translate(exception, http, http.GetEndpoint()) is { } clientError)
        {
            LogRejected(logger, function, clientError.StatusCode);
            return ErrorResponses.Create(http, clientError.StatusCode, clientError.Errors);
        }

        // The trace id lets an operator find the logged exception without exposing anything about it.
        var traceId = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        LogFailed(logger, exception, function, traceId);
        return ErrorResponses.Create(http, StatusCodes.Status500InternalServerError,
            [new FieldError("internal", $"an unexpected error occurred (trace id {traceId})")]);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Table storage unavailable; function {Function} answered 503 ({Reason}); {Unlogged} earlier storage failures not logged")]
    private static partial void LogStorageUnavailable(ILogger logger, string function, string reason, int unlogged);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Function {Function}: request rejected with {StatusCode}")]
    private static partial void LogRejected(ILogger logger, string function, int statusCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed (trace id {TraceId})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string traceId);
}
