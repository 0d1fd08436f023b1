using System.CommandLine;
using RiskFunctions.Functions.Hosting;
using RiskFunctions.Functions.Security.Commands;

namespace RiskFunctions.Admin;

/// <summary>
/// <c>bootstrap</c>, <c>rotate-secret</c> and <c>rotate-signing-key</c>: parsed here, run by
/// <see cref="SecurityCommands"/> against the configured storage, guarded by <see cref="CommandRunner"/>;
/// <c>migrate-storage</c>, run by <see cref="StorageMigrationCommand"/> through the same guard without its time limit (it
/// reads whole tables).
/// </summary>
public static class AdminCommands
{
    public static RootCommand Create(TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant id: lower-case letters, digits, '-' and '_'", Required = true };
        var client = new Option<string>("--client") { Description = "Client name within the tenant", Required = true };
        var scopes = new Option<string?>("--scopes") { Description = "Space- or comma-separated scopes (default: the default scopes)" };
        var json = new Option<bool>("--json") { Description = "Write the credentials as JSON" };
        var outputFile = new Option<FileInfo?>("--output") { Description = "Write the credentials to this file (mode 0600) instead of standard output" };
        var runner = new CommandRunner(output, error);

        var bootstrap = new Command(SecurityCommands.Bootstrap, "Register a client and print its new secret (exit 3 when it exists)")
        {
            tenant, client, scopes, json, outputFile,
        };
        bootstrap.SetAction((result, cancellationToken) => runner.RunAsync(
            (writer, limit) => SecurityCommands.BootstrapAsync(Client(result, scopes), writer, error, settings, limit), result.GetValue(outputFile), cancellationToken));

        var rotateSecret = new Command(SecurityCommands.RotateSecret, "Give a client a new secret (exit 4 when it does not exist)")
        {
            tenant, client, json, outputFile,
        };
        rotateSecret.SetAction((result, cancellationToken) => runner.RunAsync(
            (writer, limit) => SecurityCommands.RotateSecretAsync(Client(result, scopes: null), writer, error, settings, limit), result.GetValue(outputFile), cancellationToken));

        var rotateKey = new Command(SecurityCommands.RotateSigningKey, "Make a new local signing key current; the previous one keeps verifying");
        rotateKey.SetAction(_ => SecurityCommands.RotateLocalSigningKey(output, error, settings));

        var migrate = new Command(
            StorageMigrationCommand.Name,
            "Move what earlier versions stored elsewhere: links and reputation into the subject states, population counts into their buckets (idempotent; run again to resume)");
        migrate.Aliases.Add(StorageMigrationCommand.FormerName);
        migrate.SetAction((_, cancellationToken) => runner.RunAsync(
            (writer, limit) => StorageMigrationCommand.RunAsync(writer, settings, limit), outputFile: null, cancellationToken, Timeout.InfiniteTimeSpan));

        return new RootCommand("RiskFunctions administration: clients, signing keys and storage migrations")
        {
            bootstrap, rotateSecret, rotateKey, migrate,
        };

        ClientCommand Client(ParseResult result, Option<string?>? scopes) =>
            new(result.GetValue(tenant)!, result.GetValue(client)!, scopes is null ? null : result.GetValue(scopes), result.GetValue(json));
    }
}
