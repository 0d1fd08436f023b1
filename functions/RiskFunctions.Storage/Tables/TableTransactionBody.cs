using System.Buffers;
using System.Globalization;
using System.Text;
using Azure;

namespace RiskFunctions.Storage.Tables;

/// <summary>
/// The <c>multipart/mixed</c> body of an entity group transaction: one changeset of <c>application/http</c> parts,
/// each a complete request with an absolute URL and no authentication. The service's rules (1-100 operations, one
/// table and one PartitionKey, each entity once, 4 MiB) are enforced here, since Azurite does not enforce all of them.
/// </summary>
internal sealed record TableTransactionBody(
    string ContentType,
    BinaryData Content,
    bool IsReplayUnsafe,
    IReadOnlyList<TableTransactionAction> Actions)
{
    public const int MaxActions = 100;
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    private const string Crlf = "\r\n";

    public static TableTransactionBody Create(Uri endpoint, string tableName, IReadOnlyList<TableTransactionAction> actions)
    {
        Validate(actions);
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
        var baseUri = endpoint.AbsoluteUri.TrimEnd('/');

        // One buffer for the whole body: headers are encoded into it and entity JSON is written straight into it.
        var body = new ArrayBufferWriter<byte>(actions.Count * 512);
        var part = new StringBuilder(512);
        Write(body, $"--{batchBoundary}{Crlf}Content-Type: multipart/mixed; boundary={changesetBoundary}{Crlf}{Crlf}");
        var replayUnsafe = false;
        foreach (var action in actions)
        {
            replayUnsafe |= IsActionReplayUnsafe(action);
            part.Clear().Append("--").Append(changesetBoundary).Append(Crlf)
                .Append("Content-Type: application/http").Append(Crlf)
                .Append("Content-Transfer-Encoding: binary").Append(Crlf).Append(Crlf);
            WritePart(body, part, baseUri, tableName, action);
        }

        Write(body, $"--{changesetBoundary}--{Crlf}{Crlf}--{batchBoundary}--{Crlf}");
        if (body.WrittenCount > MaxBodyBytes)
        {
            throw new InvalidTableEntityException(string.Create(
                CultureInfo.InvariantCulture,
                $"The transaction body is {body.WrittenCount} bytes; the service accepts at most {MaxBodyBytes} (4 MiB). Split it."));
        }

        return new($"multipart/mixed; boundary={batchBoundary}", new BinaryData(body.WrittenMemory), replayUnsafe, actions);
    }

    private static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count is 0 or > MaxActions)
        {
            throw new InvalidTableEntityException(string.Create(
                CultureInfo.InvariantCulture,
                $"A transaction holds 1 to {MaxActions} actions; this one has {actions.Count}."));
        }

        var partitionKey = actions[0].Entity?.PartitionKey;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i]?.Entity ?? throw new InvalidTableEntityException($"Action {i} has no entity.");
            if (!string.Equals(entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new InvalidTableEntityException(
                    $"All actions of a transaction must share one PartitionKey: action {i} has '{entity.PartitionKey}', action 0 has '{partitionKey}'.");
            }

            if (!seen.Add(entity.RowKey ?? string.Empty))
            {
                throw new InvalidTableEntityException(
                    $"Action {i} touches ({entity.PartitionKey}, {entity.RowKey}) again; a transaction may touch each entity once.");
            }
        }
    }

    private static void WritePart(ArrayBufferWriter<byte> body, StringBuilder part, string baseUri, string tableName, TableTransactionAction action)
    {
        var entity = action.Entity;
        var (method, path, ifMatch, withBody) = action.ActionType switch
        {
            TableTransactionActionType.Add => ("POST", TablePaths.Table(tableName), (ETag?)null, true),
            TableTransactionActionType.UpsertMerge => ("MERGE", EntityPath(tableName, entity), null, true),
            TableTransactionActionType.UpsertReplace => ("PUT", EntityPath(tableName, entity), null, true),
            TableTransactionActionType.UpdateMerge => ("MERGE", EntityPath(tableName, entity), OrAll(action.ETag), true),
            TableTransactionActionType.UpdateReplace => ("PUT", EntityPath(tableName, entity), OrAll(action.ETag), true),
            TableTransactionActionType.Delete => ("DELETE", EntityPath(tableName, entity), OrAll(action.ETag), false),
            _ => throw new InvalidTableEntityException($"Unknown transaction action type {action.ActionType}."),
        };

        part.Append(method).Append(' ').Append(baseUri).Append(path).Append(" HTTP/1.1").Append(Crlf)
            .Append(TableHeaders.DataServiceVersion).Append(": ").Append(TableHeaders.DataServiceVersion3).Append(Crlf)
            .Append("Accept: ").Append(TableHeaders.AcceptJson).Append(Crlf);
        if (ifMatch is { } etag)
        {
            part.Append(TableHeaders.IfMatch).Append(": ").Append(etag.ToString("H")).Append(Crlf);
        }

        if (!withBody)
        {
            Write(body, part.Append(Crlf).Append(Crlf));
            return;
        }

        var properties = TableEntityProperties.FromEntity(entity).ToList();
        TableEntityLimits.Validate(properties, entity.PartitionKey, entity.RowKey);
        if (action.ActionType == TableTransactionActionType.Add)
        {
            part.Append(TableHeaders.Prefer).Append(": ").Append(TableHeaders.ReturnNoContent).Append(Crlf);
        }

        part.Append("Content-Type: ").Append(TableHeaders.ContentTypeJson).Append(Crlf).Append(Crlf);
        Write(body, part);
        TableEntityJsonWriter.WriteTo(body, properties);
        Write(body, Crlf);
    }

    private static string EntityPath(string tableName, ITableEntity entity)
    {
        TableEntityLimits.ValidateKey(entity.PartitionKey, TableEntity.PartitionKeyName);
        TableEntityLimits.ValidateKey(entity.RowKey, TableEntity.RowKeyName);
        return TablePaths.Entity(tableName, entity.PartitionKey, entity.RowKey);
    }

    private static ETag OrAll(ETag etag) => etag == default ? ETag.All : etag;

    private static bool IsActionReplayUnsafe(TableTransactionAction action) => action.ActionType switch
    {
        TableTransactionActionType.Add or TableTransactionActionType.Delete => true,
        TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace => action.ETag != default && action.ETag != ETag.All,
        _ => false,
    };

    private static void Write(ArrayBufferWriter<byte> body, string text) => Encoding.UTF8.GetBytes(text, body);

    private static void Write(ArrayBufferWriter<byte> body, StringBuilder text)
    {
        foreach (var chunk in text.GetChunks())
        {
            Encoding.UTF8.GetBytes(chunk.Span, body);
        }
    }
}
