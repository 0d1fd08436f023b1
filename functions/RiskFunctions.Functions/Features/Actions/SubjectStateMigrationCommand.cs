using System.Globalization;
using RiskFunctions.Functions.Hosting;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>
/// <c>migrate-subject-states</c>: folds the <c>links</c> rows and the user, device and IP address rows of the
/// <c>reputation</c> table written by earlier versions into the subject states (<see cref="SubjectStateMigration"/>),
/// against the configured storage (appsettings.json and environment variables, e.g. <c>Storage__ConnectionString</c>).
/// </summary>
/// <remarks>
/// An operator's command, run once at the upgrade, rather than a start-up task: it reads two whole tables, which every
/// instance would repeat at every start, and its progress belongs on the operator's console. It is idempotent and
/// resumable by running it again, and safe while the service runs (every write is ETag-conditional).
/// </remarks>
public static class SubjectStateMigrationCommand
{
    public const string Name = "migrate-subject-states";

    /// <summary>Runs the migration; writes a progress line per page and the totals to <paramref name="output"/>. Returns the exit code.</summary>
    public static async Task<int> RunAsync(
        TextWriter output, IEnumerable<KeyValuePair<string, string?>>? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddRiskStorage();
        using var host = builder.Build();
        var tables = host.Services.GetRequiredService<RiskTables>();

        // The command runs without the service's hosted start-up, which creates the tables otherwise.
        await tables.EnsureCreatedAsync(StorageTables.All, cancellationToken);
        var progress = new SynchronousProgress(result => output.WriteLine(Describe(result)));
        var done = await new SubjectStateMigration(tables).RunAsync(progress, cancellationToken);
        await output.WriteLineAsync("done: " + Describe(done));
        return 0;
    }

    private static string Describe(SubjectStateMigrationResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"links read {result.LinksRead}, links added {result.LinksAdded}, reputation rows moved {result.ReputationMoved}, skipped {result.Skipped}");

    /// <summary>Reports on the caller's thread (<see cref="Progress{T}"/> would post to the thread pool and reorder lines).</summary>
    private sealed class SynchronousProgress(Action<SubjectStateMigrationResult> report) : IProgress<SubjectStateMigrationResult>
    {
        public void Report(SubjectStateMigrationResult value) => report(value);
    }
}
