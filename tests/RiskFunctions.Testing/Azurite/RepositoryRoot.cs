namespace RiskFunctions.Testing.Azurite;

/// <summary>Finds the repository checkout from a test assembly's output directory.</summary>
public static class RepositoryRoot
{
    /// <summary>
    /// The nearest directory at or above the test assembly that holds <c>scripts/ensure-node-tools.sh</c> and
    /// <c>package.json</c>.
    /// </summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "ensure-node-tools.sh")) &&
                File.Exists(Path.Combine(directory.FullName, "package.json")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No repository root (with scripts/ensure-node-tools.sh) above {AppContext.BaseDirectory}.");
    }
}
