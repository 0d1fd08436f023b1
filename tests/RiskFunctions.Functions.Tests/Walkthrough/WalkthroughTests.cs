using System.Diagnostics;
using System.Text.RegularExpressions;
using RiskFunctions.Functions.Security.Commands;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.FunctionApp;

namespace RiskFunctions.Functions.Tests.Walkthrough;

/// <summary>
/// The README's walk-through (<c>docs/walkthrough.sh</c>) against the function app under the local host with a fresh
/// tenant, in the README's own order, and the README's commands kept equal to the script's.
/// </summary>
[Collection(FunctionAppCollection.Name)]
public sealed partial class WalkthroughTests(FunctionAppFixture service)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Walkthrough_FreshTenant_AnswersAsDocumented()
    {
        var credentials = Path.Combine(Path.GetTempPath(), "walkthrough-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            await File.WriteAllTextAsync(credentials, await BootstrapAsync());
            var (exitCode, output) = await RunScriptAsync(credentials);

            Assert.True(exitCode == 0, output);
            Assert.Contains("every step answered as documented", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(credentials);
        }
    }

    [Fact]
    public void Readme_WalkthroughCommands_AreTheScriptsCommands()
    {
        var root = RepositoryRoot.Find();
        var script = Normalize(File.ReadAllText(Path.Combine(root, "docs", "walkthrough.sh")));
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));

        // Every request the README shows (a curl line with an API path) is one the script sends and checks.
        var requests = ApiPath().Matches(readme).Select(m => m.Groups["path"].Value).Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(requests);
        Assert.All(requests, path => Assert.Contains(path, script, StringComparison.Ordinal));
    }

    private async Task<string> BootstrapAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var settings = service.Settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value));
        var exitCode = await SecurityCommands.BootstrapAsync(new ClientCommand("walk-" + Guid.NewGuid().ToString("N")[..12], "quickstart", Json: true), output, error, settings);
        Assert.True(exitCode == 0, error.ToString());
        return output.ToString();
    }

    private async Task<(int ExitCode, string Output)> RunScriptAsync(string credentials)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Find(), "docs", "walkthrough.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["BASE_URL"] = service.Host.BaseAddress.ToString().TrimEnd('/');
        start.Environment["CREDENTIALS"] = credentials;
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Normalize(string text) => text.Replace("$BASE_URL", "http://127.0.0.1:7071", StringComparison.Ordinal);

    [GeneratedRegex(@"curl [^\n]*?http://127\.0\.0\.1:7071(?<path>/(?:risk|oidc)[^\s'""?]*)")]
    private static partial Regex ApiPath();
}
