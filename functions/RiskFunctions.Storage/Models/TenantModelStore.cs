using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace RiskFunctions.Storage.Models;

/// <summary>
/// Tenant models in Blob storage (container <see cref="ContainerName"/>): every trained version is kept at
/// <c>{tenant}/versions/{version}.json</c>, and <c>{tenant}/current.json</c> holds the one in use. Instances
/// poll the current blob with its ETag (a 304 costs no transfer) and swap when it changes. The documents are
/// opaque here: their format belongs to the learning side. <c>{tenant}/training.lock</c> is the tenant's training
/// lock: whoever creates or replaces it under the ETag it read holds it until the time it names, so of several
/// instances only one trains a tenant at a time.
/// </summary>
public class TenantModelStore
{
    public const string ContainerName = "risk-models";

    private readonly BlobContainerClient _container;
    private volatile bool _containerExists;

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
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);

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

    /// <summary>
    /// Takes the tenant's training lock until <paramref name="until"/> when nobody holds it at <paramref name="now"/>
    /// (never taken, released, or expired: a crashed holder blocks only until its time). <c>null</c> when another
    /// holder has it, or took it first in a race (the write is conditional on what was read).
    /// </summary>
    public virtual async Task<TrainingLock?> TryAcquireTrainingLockAsync(
        string tenantId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var blob = _container.GetBlobClient(LockName(tenantId));
        BlobRequestConditions conditions;
        try
        {
            var current = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            if (TrainingLock.ReadUntil(current.Value.Content) is { } heldUntil && heldUntil > now)
            {
                return null;
            }

            conditions = new BlobRequestConditions { IfMatch = current.Value.Details.ETag };
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };
        }

        try
        {
            var written = await blob.UploadAsync(TrainingLock.Content(owner, until), new BlobUploadOptions { Conditions = conditions }, cancellationToken).ConfigureAwait(false);
            return new TrainingLock(tenantId, owner, until, written.Value.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    /// <summary>Releases <paramref name="trainingLock"/> if it is still the one stored (an expired lock taken over is left to its new holder).</summary>
    public virtual async Task ReleaseTrainingLockAsync(TrainingLock trainingLock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainingLock);
        try
        {
            await _container.GetBlobClient(LockName(trainingLock.TenantId))
                .DeleteIfExistsAsync(conditions: new BlobRequestConditions { IfMatch = trainingLock.ETag }, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            // Taken over after it expired: the new holder's now.
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

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerExists)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _containerExists = true;
        }
    }

    private static string LockName(string tenantId) => TenantPrefix(tenantId) + "training.lock";

    private static string TenantPrefix(string tenantId) => Uri.EscapeDataString(tenantId) + "/";

    private static string CurrentName(string tenantId) => TenantPrefix(tenantId) + "current.json";

    private static string VersionName(string tenantId, string version) => TenantPrefix(tenantId) + "versions/" + Uri.EscapeDataString(version) + ".json";
}
