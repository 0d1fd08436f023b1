using System.Diagnostics;

namespace RiskFunctions.Testing.Azurite;

/// <summary>
/// Runs <c>scripts/ensure-node-tools.sh</c> (npm ci when node_modules is missing or stale) under a file lock, so that
/// test assemblies starting in parallel do not run npm in the same directory at once.
/// </summary>
public static class NodeTools
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Ensures the pinned Node tooling is installed; returns the repository root.</summary>
    public static async Task<string> EnsureAsync(CancellationToken cancellationToken = default)
    {
        var root = RepositoryRoot.Find();
        var lockDirectory = Path.Combine(root, ".artifacts");
        Directory.CreateDirectory(lockDirectory);
        await using var fileLock = await AcquireLockAsync(Path.Combine(lockDirectory, "node-tools.lock"), cancellationToken);

        await RepositoryScript.RunAsync("ensure-node-tools.sh", [], cancellationToken);
        return root;
    }

    /// <summary>An exclusive lock across processes (.NET maps FileShare.None to flock on Unix).</summary>
    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < LockTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }
}
