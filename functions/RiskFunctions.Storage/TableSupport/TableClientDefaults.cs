using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace RiskFunctions.Storage.TableSupport;

/// <summary>
/// How the process's <see cref="TableServiceClient"/> is built: the replay-safe, time-bounded retry policy and the
/// translation of "storage did not answer" into <see cref="StorageUnavailableException"/>; a connection string
/// (Azurite, or an account key) or the table endpoint with a managed identity.
/// </summary>
public static class TableClientDefaults
{
    /// <summary>Retries after the first attempt (the budget usually stops them first when storage is down).</summary>
    public const int MaxRetries = 5;

    /// <summary>First pause between attempts; doubles up to <see cref="MaxDelay"/>, with jitter.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest pause between attempts.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    /// <summary>Sets the retry policy, timeouts and failure translation on <paramref name="clientOptions"/>.</summary>
    public static TableClientOptions Configure(TableClientOptions clientOptions, StorageOptions storage) =>
        ConfigureCalls(clientOptions, storage, MaxRetries);

    /// <summary>
    /// Bounds every call of one of the account's clients (tables, blobs) by <see cref="StorageOptions.CallTimeout"/>,
    /// retries included (Azure.Core's own retry gives each attempt the whole timeout), replays only what is safe to
    /// replay, and translates "storage did not answer" into <see cref="StorageUnavailableException"/>.
    /// </summary>
    public static T ConfigureCalls<T>(T clientOptions, StorageOptions storage, int maxRetries)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(clientOptions);
        ArgumentNullException.ThrowIfNull(storage);
        clientOptions.Retry.MaxRetries = maxRetries;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.Delay = Delay;
        clientOptions.Retry.MaxDelay = MaxDelay;
        clientOptions.Retry.NetworkTimeout = storage.CallTimeout;
        clientOptions.RetryPolicy = new ReplaySafeRetryPolicy(maxRetries, Delay, MaxDelay, storage.CallTimeout, storage.CallTimeout);
        clientOptions.AddPolicy(StorageUnavailablePolicy.Instance, HttpPipelinePosition.PerCall);
        return clientOptions;
    }

    /// <summary>
    /// The service client of <paramref name="storage"/>: a connection string, otherwise the table endpoint with
    /// <paramref name="credential"/> or the (user-assigned, if a client id is given) managed identity.
    /// </summary>
    public static TableServiceClient CreateServiceClient(StorageOptions storage, TableClientOptions? clientOptions = null, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var errors = storage.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(storage));
        }

        var options = Configure(clientOptions ?? new TableClientOptions(), storage);
        return string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? new TableServiceClient(storage.TableEndpoint!, credential ?? CreateManagedIdentity(storage.ManagedIdentityClientId), options)
            : new TableServiceClient(storage.ConnectionString, options);
    }

    /// <summary>The system-assigned identity, or the user-assigned one with <paramref name="clientId"/>.</summary>
    public static ManagedIdentityCredential CreateManagedIdentity(string? clientId) => string.IsNullOrWhiteSpace(clientId)
        ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
