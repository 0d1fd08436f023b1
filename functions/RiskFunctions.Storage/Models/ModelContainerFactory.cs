using Azure.Core;
using Azure.Storage.Blobs;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Models;

/// <summary>
/// The blob container of the tenants' models, on the same account as the tables: the connection string when there
/// is one (it names the blob endpoint too), else the blob endpoint with the managed identity. Calls are bounded by
/// <see cref="StorageOptions.CallTimeout"/> like the tables', so a slow blob read never holds a scoring request long.
/// </summary>
public static class ModelContainerFactory
{
    public static BlobContainerClient Create(StorageOptions storage, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TableClientDefaults.Delay;
        options.Retry.MaxDelay = TableClientDefaults.MaxDelay;
        options.Retry.NetworkTimeout = storage.CallTimeout;

        // Azure.Core's own retry gives each attempt the whole timeout (three attempts: three times the bound); this one
        // holds the call, retries included, to it, and an outage surfaces as StorageUnavailableException as for tables.
        options.RetryPolicy = new ReplaySafeRetryPolicy(options.Retry.MaxRetries, options.Retry.Delay, options.Retry.MaxDelay, storage.CallTimeout, storage.CallTimeout);
        options.AddPolicy(StorageUnavailablePolicy.Instance, HttpPipelinePosition.PerCall);
        var service = string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? new BlobServiceClient(
                storage.ResolveBlobEndpoint() ?? throw new ArgumentException("Storage: no blob endpoint.", nameof(storage)),
                credential ?? TableClientDefaults.CreateManagedIdentity(storage.ManagedIdentityClientId),
                options)
            : new BlobServiceClient(storage.ConnectionString, options);
        return service.GetBlobContainerClient(storage.ModelContainer);
    }
}
