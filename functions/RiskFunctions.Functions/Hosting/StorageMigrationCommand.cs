using System.Globalization;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Profiles;

namespace RiskFunctions.Functions.Hosting;

/// <summary>
/// <c>migrate-storage</c> (formerly <c>migrate-subject-states</c>, still accepted): moves what earlier versions stored
/// elsewhere into today's layout, against the configured storage (appsettings.json and environment variables, e.g.
/// <c>Storage__ConnectionString</c>): the <c>links</c> rows and the user, device and IP address rows of the
/// <c>reputation</c> table into the subject states (<see cref="SubjectStateMigration"/>), then the population counts
/// into their bucketed partitions, and the shards of values now counted in one row into that row (<see cref="PopulationMigration"/>).
/// </summary>
/// <remarks>
/// An operator's command, run once at the upgrade, rather than a start-up task: it reads whole tables, which every
/// instance would repeat at every start, and its progress belongs on the operator's console. It is idempotent and
/// resumable by running it again, and safe while the service runs (every write is ETag-conditional or a replace of
/// the moved value).
/// </remarks>
public static class StorageMigrationCommand
{
    public const string Name = "migrate-storage";

    /// <summary>The command's name in earlier versions, when it moved the subject states alone.</summary>
    public const string FormerName = "migrate-subject-states";

    /// <summary>Runs the migrations; writes a progress line per page and the totals to <paramref name="output"/>. Returns the exit code.</summary>
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
        var states = await new SubjectStateMigration(tables).RunAsync(
            new SynchronousProgress<SubjectStateMigrationResult>(result => output.WriteLine(Describe(result))), cancellationToken);
        var population = await new PopulationMigration(tables).RunAsync(
            new SynchronousProgress<PopulationMigrationResult>(result => output.WriteLine(Describe(result))), cancellationToken);
        await output.WriteLineAsync($"done: {Describe(states)}; {Describe(population)}");
        return 0;
    }

    private static string Describe(SubjectStateMigrationResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"links read {result.LinksRead}, links added {result.LinksAdded}, reputation rows moved {result.ReputationMoved}, skipped {result.Skipped}");

    private static string Describe(PopulationMigrationResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"population rows moved {result.Moved}, shards folded into single rows {result.Folded}, left for the next run (changed meanwhile) {result.Changed}");

    /// <summary>Reports on the caller's thread (<see cref="Progress{T}"/> would post to the thread pool and reorder lines).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
