using System.Globalization;

namespace RiskFunctions.Testing.Azurite;

/// <summary>Finds Azurite processes by their working directory (<see cref="AzuriteServer.Location"/>), e.g. to prove none leaked.</summary>
public static class AzuriteProcesses
{
    /// <summary>Ids of the live Azurite processes working in <paramref name="location"/>.</summary>
    public static IReadOnlyList<int> WithLocation(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var processId))
            {
                continue;
            }

            string commandLine;
            string? workingDirectory;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                workingDirectory = new DirectoryInfo(Path.Combine(directory, "cwd")).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // Exited while we looked.
            }

            if (workingDirectory == Path.TrimEndingDirectorySeparator(location) &&
                commandLine.Contains("azurite", StringComparison.OrdinalIgnoreCase) && !IsZombie(directory))
            {
                found.Add(processId);
            }
        }

        return found;
    }

    private static bool IsZombie(string processDirectory)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(processDirectory, "stat"));
            // "pid (comm) S ...": the state follows the last ')', as comm may itself hold parentheses.
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
