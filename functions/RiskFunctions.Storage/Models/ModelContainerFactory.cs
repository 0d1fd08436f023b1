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
        var options = TableClientDefaults.ConfigureCalls(new BlobClientOptions(), storage, maxRetries: 2);
        var service = string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? new BlobServiceClient(
                storage.ResolveBlobEndpoint() ?? throw new ArgumentException("Storage: no blob endpoint.", nameof(storage)),
                credential ?? TableClientDefaults.CreateManagedIdentity(storage.ManagedIdentityClientId),
                options)
            : new BlobServiceClient(storage.ConnectionString, options);
        return service.GetBlobContainerClient(storage.ModelContainer);
    }
}
