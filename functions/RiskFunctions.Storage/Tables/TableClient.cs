using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace RiskFunctions.Storage.Tables;

/// <summary>
/// Entity operations on one table over the Table REST API, in the shape of Azure.Data.Tables' <c>TableClient</c>.
/// Methods are virtual so that tests can substitute the client.
/// </summary>
public class TableClient
{
    private const int MaxPageSize = 1000;

    private readonly TablePipeline _pipeline = null!;

    /// <summary>Creates a client from a connection string (<c>UseDevelopmentStorage=true</c> or account name and key).</summary>
    public TableClient(string connectionString, string tableName, TableClientOptions? options = null)
        : this(TablePipeline.FromConnectionString(connectionString, options), tableName)
    {
    }

    /// <summary>Creates a client that authenticates with Entra ID (e.g. a managed identity).</summary>
    public TableClient(Uri endpoint, string tableName, TokenCredential credential, TableClientOptions? options = null)
        : this(TablePipeline.FromTokenCredential(endpoint, credential, options), tableName)
    {
    }

    /// <summary>Creates a client that signs requests with the account key.</summary>
    public TableClient(Uri endpoint, string tableName, TableSharedKeyCredential credential, TableClientOptions? options = null)
        : this(TablePipeline.FromSharedKey(endpoint, credential, options), tableName)
    {
    }

    /// <summary>For mocking.</summary>
    protected TableClient()
    {
        Name = string.Empty;
    }

    internal TableClient(TablePipeline pipeline, string tableName)
    {
        _pipeline = pipeline;
        Name = TableName.Validate(tableName);
    }

    /// <summary>The table name.</summary>
    public virtual string Name { get; }

    /// <summary>The account endpoint this client talks to.</summary>
    public virtual Uri Endpoint => _pipeline.Endpoint;

    /// <summary>
    /// A <c>$filter</c> with every interpolated value turned into an escaped, typed literal; see
    /// <see cref="TableFilter.Create"/>.
    /// </summary>
    public static string CreateQueryFilter(FormattableString filter) => TableFilter.Create(filter);

    /// <summary>Creates the table unless it exists (409 <c>TableAlreadyExists</c> is success).</summary>
    public virtual Task<Response> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        TableOperations.CreateTableIfNotExistsAsync(_pipeline, Name, cancellationToken);

    /// <summary>Deletes the table; a missing table is success.</summary>
    public virtual Task<Response> DeleteAsync(CancellationToken cancellationToken = default) =>
        TableOperations.DeleteTableAsync(_pipeline, Name, cancellationToken);

    /// <summary>Inserts the entity; 409 <c>EntityAlreadyExists</c> if its keys are taken. The response carries the ETag.</summary>
    public virtual Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        var message = CreateWrite(RequestMethod.Post, TablePaths.Table(Name), entity, TableClassifiers.CreatedOrNoContent);
        message.Request.Headers.SetValue(TableHeaders.Prefer, TableHeaders.ReturnNoContent);
        TableRetryPolicy.MarkReplayUnsafe(message);
        return _pipeline.SendAsync(message, cancellationToken);
    }

    /// <summary>Inserts the entity or, if it exists, merges into or replaces it, whatever its version.</summary>
    public virtual Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        var message = CreateWrite(MethodFor(mode), EntityPath(entity), entity, TableClassifiers.NoContent);
        return _pipeline.SendAsync(message, cancellationToken);
    }

    /// <summary>
    /// Updates an existing entity if its version is <paramref name="ifMatch"/> (<see cref="ETag.All"/> or
    /// <c>default</c>: any version). 404 if it is missing, 412 <c>UpdateConditionNotSatisfied</c> if it changed.
    /// </summary>
    public virtual Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        var message = CreateWrite(MethodFor(mode), EntityPath(entity), entity, TableClassifiers.NoContent);
        SetIfMatch(message, ifMatch);
        return _pipeline.SendAsync(message, cancellationToken);
    }

    /// <summary>
    /// Deletes the entity if its version is <paramref name="ifMatch"/> (<c>default</c>: any version). A missing entity
    /// is success (the response says 404); a changed one fails with 412.
    /// </summary>
    public virtual Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        var path = KeyPath(partitionKey, rowKey);
        var message = _pipeline.CreateMessage(RequestMethod.Delete, path, TableClassifiers.NoContentOrNotFound);
        SetIfMatch(message, ifMatch);
        return _pipeline.SendAsync(message, cancellationToken);
    }

    /// <summary>Reads one entity; 404 <c>ResourceNotFound</c> if it does not exist.</summary>
    public virtual async Task<Response<T>> GetEntityAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        var response = await GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        return response.HasValue
            ? Response.FromValue(response.Value!, response.GetRawResponse())
            : throw TablePipeline.CreateException(response.GetRawResponse());
    }

    /// <summary>Reads one entity; <see cref="NullableResponse{T}.HasValue"/> is false if it does not exist.</summary>
    public virtual async Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        var message = _pipeline.CreateMessage(RequestMethod.Get, KeyPath(partitionKey, rowKey), TableClassifiers.OkOrNotFound);
        AppendSelect(message, select);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return new TableNoValueResponse<T>(response);
        }

        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entity = TableEntityJsonReader.ReadEntity<T>(document.RootElement);
        if (response.Headers.ETag is { } etag)
        {
            entity.ETag = etag;
        }

        return Response.FromValue(entity, response);
    }

    /// <summary>
    /// Queries entities matching <paramref name="filter"/> (build it with <see cref="TableFilter"/>; never concatenate
    /// user input), following continuation tokens page by page. <paramref name="maxPerPage"/> is the page size
    /// (<c>$top</c>, at most 1,000), not a limit on the total.
    /// </summary>
    public virtual AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        if (maxPerPage is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, $"A page holds 1 to {MaxPageSize} entities.");
        }

        var selected = select?.ToArray();
        return new TablePageable<T>(
            (token, pageSize, ct) => QueryPageAsync<T>(filter, pageSize, selected, token, ct),
            maxPerPage,
            cancellationToken);
    }

    /// <summary>
    /// Applies up to 100 operations on entities of one partition atomically (an entity group transaction). Rules are
    /// checked before sending (<see cref="InvalidTableEntityException"/>); if the service rejects an operation,
    /// nothing is applied and <see cref="TableTransactionFailedException"/> names the failing operation.
    /// </summary>
    /// <returns>One response per action, in order, each with the entity's new ETag where there is one.</returns>
    public virtual async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var batch = TableTransactionBody.Create(_pipeline.Endpoint, Name, [.. actions]);
        var message = _pipeline.CreateMessage(RequestMethod.Post, TablePaths.Batch, TableClassifiers.Accepted);
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, batch.ContentType);
        message.Request.Content = RequestContent.Create(batch.Content);
        if (batch.IsReplayUnsafe)
        {
            TableRetryPolicy.MarkReplayUnsafe(message);
        }

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var results = TableTransactionResponseReader.Read(response, batch.Actions);
        return Response.FromValue(results, response);
    }

    private static RequestMethod MethodFor(TableUpdateMode mode) => mode switch
    {
        TableUpdateMode.Merge => TableMethods.Merge,
        TableUpdateMode.Replace => RequestMethod.Put,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    private static void SetIfMatch(HttpMessage message, ETag ifMatch)
    {
        var value = ifMatch == default ? ETag.All : ifMatch;
        message.Request.Headers.SetValue(TableHeaders.IfMatch, value.ToString("H"));
        if (value != ETag.All)
        {
            TableRetryPolicy.MarkReplayUnsafe(message);
        }
    }

    private static void AppendSelect(HttpMessage message, IEnumerable<string>? select)
    {
        if (select is not null)
        {
            var columns = string.Join(',', select);
            if (columns.Length > 0)
            {
                message.Request.Uri.AppendQuery("$select", columns);
            }
        }
    }

    private string KeyPath(string partitionKey, string rowKey)
    {
        TableEntityLimits.ValidateKey(partitionKey, TableEntity.PartitionKeyName);
        TableEntityLimits.ValidateKey(rowKey, TableEntity.RowKeyName);
        return TablePaths.Entity(Name, partitionKey, rowKey);
    }

    private string EntityPath(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return KeyPath(entity.PartitionKey, entity.RowKey);
    }

    private HttpMessage CreateWrite(RequestMethod method, string path, ITableEntity entity, ResponseClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var properties = TableEntityProperties.FromEntity(entity).ToList();
        TableEntityLimits.Validate(properties, entity.PartitionKey, entity.RowKey);
        var message = _pipeline.CreateMessage(method, path, classifier);
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, TableHeaders.ContentTypeJson);
        message.Request.Content = RequestContent.Create(TableEntityJsonWriter.ToUtf8(properties));
        return message;
    }

    private async Task<Page<T>> QueryPageAsync<T>(string? filter, int? pageSize, string[]? select, string? continuationToken, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var message = _pipeline.CreateMessage(RequestMethod.Get, TablePaths.Query(Name), TableClassifiers.Ok);
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter);
        }

        if (pageSize is { } top)
        {
            uri.AppendQuery("$top", top.ToString(CultureInfo.InvariantCulture));
        }

        AppendSelect(message, select);
        TableContinuation.AppendEntityToken(uri, continuationToken);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var values = new List<T>();
        if (document.RootElement.TryGetProperty("value", out var array))
        {
            foreach (var element in array.EnumerateArray())
            {
                values.Add(TableEntityJsonReader.ReadEntity<T>(element));
            }
        }

        return Page<T>.FromValues(values, TableContinuation.ReadEntityToken(response), response);
    }
}
