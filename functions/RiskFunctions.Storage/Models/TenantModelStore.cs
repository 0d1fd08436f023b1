using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace RiskFunctions.Storage.Models;

/// <summary>
/// Tenant models in Blob storage (container <see cref="ContainerName"/>): every trained version is kept at
/// <c>{tenant}/versions/{version}.json</c>, and <c>{tenant}/current.json</c> holds the one in use. Instances
/// poll the current blob with its ETag (a 304 costs no transfer) and swap when it changes. The documents are
/// opaque here: their format belongs to the learning side.
/// </summary>
public class TenantModelStore
{
    public const string ContainerName = "risk-models";

    private readonly BlobContainerClient _container;

    public TenantModelStore(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
    }

    /// <summary>For mocking.</summary>
    protected TenantModelStore() => _container = null!;

    /// <summary>Creates the container if it does not exist.</summary>
    public virtual async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Stores <paramref name="document"/> as <paramref name="version"/> and makes it the tenant's current model.</summary>
    public virtual async Task SaveAsync(string tenantId, string version, BinaryData document, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentNullException.ThrowIfNull(document);
        var headers = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };

        // The version first: a reader never finds a current model whose version blob is missing.
        await _container.GetBlobClient(VersionName(tenantId, version)).UploadAsync(document, headers, cancellationToken).ConfigureAwait(false);
        await _container.GetBlobClient(CurrentName(tenantId)).UploadAsync(document, headers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The tenant's current model; <see cref="StoredModel.Unchanged"/> when its ETag is still <paramref name="ifNoneMatch"/>;
    /// <c>null</c> when the tenant has no model.
    /// </summary>
    public virtual async Task<StoredModel?> GetCurrentAsync(string tenantId, ETag? ifNoneMatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var options = new BlobDownloadOptions { Conditions = ifNoneMatch is { } etag ? new BlobRequestConditions { IfNoneMatch = etag } : null };
        try
        {
            var response = await _container.GetBlobClient(CurrentName(tenantId)).DownloadContentAsync(options, cancellationToken).ConfigureAwait(false);
            var raw = response.GetRawResponse();
            if (raw.Status == (int)HttpStatusCode.NotModified)
            {
                return new StoredModel(null, ifNoneMatch!.Value);
            }

            return new StoredModel(response.Value.Content, response.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotModified)
        {
            return new StoredModel(null, ifNoneMatch!.Value);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The stored versions of the tenant's model, oldest first.</summary>
    public virtual async Task<IReadOnlyList<string>> ListVersionsAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var prefix = TenantPrefix(tenantId) + "versions/";
        var versions = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            versions.Add(blob.Name[prefix.Length..^".json".Length]);
        }

        versions.Sort(StringComparer.Ordinal);
        return versions;
    }

    private static string TenantPrefix(string tenantId) => Uri.EscapeDataString(tenantId) + "/";

    private static string CurrentName(string tenantId) => TenantPrefix(tenantId) + "current.json";

    private static string VersionName(string tenantId, string version) => TenantPrefix(tenantId) + "versions/" + Uri.EscapeDataString(version) + ".json";
}
