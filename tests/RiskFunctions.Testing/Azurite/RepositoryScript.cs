using System.Diagnostics;

namespace RiskFunctions.Testing.Azurite;

/// <summary>Runs one of the repository's <c>scripts/*.sh</c> from the repository root and fails loudly.</summary>
public static class RepositoryScript
{
    /// <summary>Runs <c>scripts/<paramref name="name"/></c> with <paramref name="arguments"/>; returns its standard output.</summary>
    /// <exception cref="InvalidOperationException">The script exited non-zero (its output is in the message).</exception>
    public static async Task<string> RunAsync(string name, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var root = RepositoryRoot.Find();
        var startInfo = new ProcessStartInfo("bash")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(root, "scripts", name));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start bash.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/{name} failed with exit code {process.ExitCode}:\n{await output}\n{await error}");
        }

        return await output;
    }
}
