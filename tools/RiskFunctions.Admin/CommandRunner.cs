using Azure;
using Microsoft.Extensions.Options;

namespace RiskFunctions.Admin;

/// <summary>
/// Runs a command with a time limit and turns an unreachable storage into one line and exit code 5, and a storage that
/// is not configured into one line and exit code 6 (no stack trace). With an output file the credentials go there,
/// created readable by the owner only.
/// </summary>
internal sealed class CommandRunner(TextWriter output, TextWriter error)
{
    public const int StorageUnavailable = 5;

    public const int StorageNotConfigured = 6;

    /// <summary>Long enough for a slow storage account, short enough that a stopped Azurite does not hang a script.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(20);

    /// <param name="command">The command, writing to the given writer within the given token.</param>
    /// <param name="outputFile">Where its output goes instead of standard output, when given.</param>
    /// <param name="cancellationToken">Stops the command (Ctrl+C).</param>
    /// <param name="timeLimit">How long it may take: <see cref="DefaultTimeLimit"/>, or <see cref="Timeout.InfiniteTimeSpan"/> for a command that reads whole tables.</param>
    public async Task<int> RunAsync(
        Func<TextWriter, CancellationToken, Task<int>> command, FileInfo? outputFile, CancellationToken cancellationToken, TimeSpan? timeLimit = null)
    {
        var allowed = timeLimit ?? DefaultTimeLimit;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(allowed);
        using var buffer = new StringWriter();
        int exitCode;
        try
        {
            exitCode = await command(outputFile is null ? output : buffer, limit.Token);
        }
        catch (Exception exception) when (NotConfigured(exception) is { } problem)
        {
            await error.WriteLineAsync($"Storage is not configured ({problem}); set Storage__ConnectionString (UseDevelopmentStorage=true for the local Azurite) or Storage__TableEndpoint.");
            return StorageNotConfigured;
        }
        catch (Exception exception) when (IsStorageFailure(exception) && !cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"Storage is not reachable ({Describe(exception, allowed)}); check Storage__ConnectionString and that the storage (Azurite) runs.");
            return StorageUnavailable;
        }

        if (exitCode == 0 && outputFile is not null)
        {
            await WritePrivateAsync(outputFile.FullName, buffer.ToString());
        }

        return exitCode;
    }

    private static bool IsStorageFailure(Exception exception) =>
        exception is RequestFailedException or HttpRequestException or OperationCanceledException or TimeoutException
        || exception.InnerException is { } inner && IsStorageFailure(inner);

    /// <summary>
    /// What is wrong with the storage settings, when that is why <paramref name="exception"/> was thrown: the validated
    /// options (the service's composition) or the settings a command reads itself.
    /// </summary>
    private static string? NotConfigured(Exception exception) => exception switch
    {
        OptionsValidationException invalid when invalid.OptionsType == typeof(RiskFunctions.Storage.StorageOptions) => string.Join("; ", invalid.Failures),
        ArgumentException { ParamName: "storage" } invalid => invalid.Message.Replace(" (Parameter 'storage')", string.Empty, StringComparison.Ordinal),
        { InnerException: { } inner } => NotConfigured(inner),
        _ => null,
    };

    private static string Describe(Exception exception, TimeSpan limit) => exception switch
    {
        OperationCanceledException => $"no answer within {limit.TotalSeconds:0} s",
        RequestFailedException { Status: > 0 } failed => $"status {failed.Status}",
        _ => exception.InnerException is { } inner ? Describe(inner, limit) : exception.Message,
    };

    private static async Task WritePrivateAsync(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // An existing file keeps its mode on open: make it private before the secret is in it.
            File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(content);
    }
}
