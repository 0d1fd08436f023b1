using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace RiskFunctions.Storage.Tables;

/// <summary>Table-level operations shared by <see cref="TableServiceClient"/> and <see cref="TableClient"/>.</summary>
internal static class TableOperations
{
    public static async Task<Response> CreateTableIfNotExistsAsync(TablePipeline pipeline, string tableName, CancellationToken cancellationToken)
    {
        TableName.Validate(tableName);
        var message = pipeline.CreateMessage(RequestMethod.Post, TablePaths.Tables, TableClassifiers.CreatedOrConflict);
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, TableHeaders.ContentTypeJson);
        message.Request.Headers.SetValue(TableHeaders.Prefer, TableHeaders.ReturnNoContent);
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(
            new TableCreateRequest(tableName),
            TableJsonContext.Default.TableCreateRequest));
        var response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 409)
        {
            // Only "exists already" is success: a table still being deleted cannot be used yet.
            var exception = TablePipeline.CreateException(response);
            if (exception.ErrorCode != TableErrorCode.TableAlreadyExists)
            {
                throw exception;
            }
        }

        return response;
    }

    public static Task<Response> DeleteTableAsync(TablePipeline pipeline, string tableName, CancellationToken cancellationToken)
    {
        TableName.Validate(tableName);
        var message = pipeline.CreateMessage(RequestMethod.Delete, TablePaths.TableResource(tableName), TableClassifiers.NoContentOrNotFound);
        return pipeline.SendAsync(message, cancellationToken);
    }

    public static AsyncPageable<TableItem> QueryTables(TablePipeline pipeline, string? filter, int? maxPerPage, CancellationToken cancellationToken) =>
        new TablePageable<TableItem>(
            async (token, pageSize, ct) =>
            {
                var message = pipeline.CreateMessage(RequestMethod.Get, TablePaths.Tables, TableClassifiers.Ok);
                if (!string.IsNullOrEmpty(filter))
                {
                    message.Request.Uri.AppendQuery("$filter", filter);
                }

                if (pageSize is { } top)
                {
                    message.Request.Uri.AppendQuery("$top", top.ToString(CultureInfo.InvariantCulture));
                }

                if (token is not null)
                {
                    message.Request.Uri.AppendQuery("NextTableName", token);
                }

                var response = await pipeline.SendAsync(message, ct).ConfigureAwait(false);
                var page = JsonSerializer.Deserialize(response.Content.ToMemory().Span, TableJsonContext.Default.TableListResponse);
                var items = page?.Value?.Select(t => new TableItem(t.TableName)).ToList() ?? [];
                return Page<TableItem>.FromValues(items, TableContinuation.ReadTableToken(response), response);
            },
            maxPerPage,
            cancellationToken);
}
