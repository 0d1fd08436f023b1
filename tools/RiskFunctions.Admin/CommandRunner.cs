using Azure;

namespace RiskFunctions.Admin;

/// <summary>
/// Runs a command with a time limit and turns an unreachable storage into one line and exit code 5 (no stack trace).
/// With an output file the credentials go there, created readable by the owner only.
/// </summary>
internal sealed class CommandRunner(TextWriter output, TextWriter error)
{
    public const int StorageUnavailable = 5;

    /// <summary>Long enough for a slow storage account, short enough that a stopped Azurite does not hang a script.</summary>
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(20);

    public async Task<int> RunAsync(Func<TextWriter, CancellationToken, Task<int>> command, FileInfo? outputFile, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeLimit);
        using var buffer = new StringWriter();
        int exitCode;
        try
        {
            exitCode = await command(outputFile is null ? output : buffer, limit.Token);
        }
        catch (Exception exception) when (IsStorageFailure(exception) && !cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"Storage is not reachable ({Describe(exception)}); check Storage__ConnectionString and that the storage (Azurite) runs.");
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

    private static string Describe(Exception exception) => exception switch
    {
        OperationCanceledException => $"no answer within {TimeLimit.TotalSeconds:0} s",
        RequestFailedException { Status: > 0 } failed => $"status {failed.Status}",
        _ => exception.InnerException is { } inner ? Describe(inner) : exception.Message,
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
