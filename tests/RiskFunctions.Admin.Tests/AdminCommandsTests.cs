using System.Text.Json;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Admin.Tests;

/// <summary>The admin commands against the shared Azurite (under a table prefix of their own) and against no storage.</summary>
public sealed class AdminCommandsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string DeadStorage =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";

    [Fact]
    public async Task Bootstrap_WithOutput_WritesTheCredentialsReadableByTheOwnerOnly()
    {
        var file = Path.Combine(Path.GetTempPath(), "admin-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var (exitCode, output, error) = await RunAsync(Storage(azurite.ConnectionString), "bootstrap", "--tenant", "admin-test", "--client", Guid.NewGuid().ToString("N"), "--json", "--output", file);

            Assert.True(exitCode == 0, error);
            Assert.Empty(output);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            Assert.False(string.IsNullOrEmpty(credentials.RootElement.GetProperty("client_secret").GetString()));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Bootstrap_SameClientTwice_ExitsWith3()
    {
        var client = Guid.NewGuid().ToString("N");
        var first = await RunAsync(Storage(azurite.ConnectionString), "bootstrap", "--tenant", "admin-test", "--client", client);
        var second = await RunAsync(Storage(azurite.ConnectionString), "bootstrap", "--tenant", "admin-test", "--client", client);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(3, second.ExitCode);
    }

    [Fact]
    public async Task Bootstrap_StorageDown_ExitsWith5AndOneLine()
    {
        var file = Path.Combine(Path.GetTempPath(), "admin-" + Guid.NewGuid().ToString("N") + ".json");

        var (exitCode, output, error) = await RunAsync(Storage(DeadStorage), "bootstrap", "--tenant", "admin-test", "--client", "c", "--output", file);

        Assert.Equal(5, exitCode);
        Assert.Empty(output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Storage is not reachable", error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task MigrateStorage_LinksOfEarlierVersions_AddsThemOnceAndReportsTheTotalsUnderEitherName()
    {
        var tables = new RiskTables(azurite.CreateServiceClient(), azurite.TablePrefix);
        await tables.EnsureCreatedAsync(StorageTables.All);
        await new LinkRepository(tables).LinkAsync("admin-migrate", "u1", "d1");

        var first = await RunAsync(Storage(azurite.ConnectionString), "migrate-storage");
        var second = await RunAsync(Storage(azurite.ConnectionString), "migrate-subject-states");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.EndsWith(
            "done: links read 2, links added 2, reputation rows moved 0, skipped 0; population rows moved 0, shards folded into single rows 0, left for the next run (changed meanwhile) 0",
            first.Output.TrimEnd());
        Assert.EndsWith(
            "done: links read 2, links added 0, reputation rows moved 0, skipped 0; population rows moved 0, shards folded into single rows 0, left for the next run (changed meanwhile) 0",
            second.Output.TrimEnd());
        var state = await new SubjectStateRepository(tables).ReadAsync("admin-migrate", new ActionSubject(ActionSubjectKind.DeviceId, "d1"));
        Assert.Equal(1, state.CountLinks("u1"));
    }

    [Theory]
    [InlineData("bootstrap", "--tenant", "admin-test", "--client", "c")]
    [InlineData("migrate-storage")]
    public async Task Command_NoStorageConfigured_ExitsWith6AndOneLineSayingWhatToSet(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(Storage(connectionString: string.Empty), args);

        Assert.Equal(6, exitCode);
        Assert.Empty(output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Storage is not configured (Storage: set exactly one of ConnectionString or TableEndpoint", error, StringComparison.Ordinal);
        Assert.Contains("Storage__ConnectionString", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateStorage_StorageDown_ExitsWith5AndOneLine()
    {
        var (exitCode, output, error) = await RunAsync(Storage(DeadStorage), "migrate-storage");

        Assert.Equal(5, exitCode);
        Assert.Empty(output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Storage is not reachable", error, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Storage(string connectionString) => new()
    {
        ["Storage:ConnectionString"] = connectionString,
        ["Storage:TablePrefix"] = azurite.TablePrefix,
    };

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(Dictionary<string, string?> settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await AdminCommands.Create(output, error, settings).Parse(args).InvokeAsync();
        return (exitCode, output.ToString(), error.ToString());
    }
}
