using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Idempotency;

/// <summary>
/// The idempotency table: one row per key, PartitionKey tenant + <c>idem</c> + operation + key, RowKey <c>r</c>. The
/// row is pending (held under a lease) until the answer is stored in it.
/// </summary>
internal static class IdempotencyTable
{
    public const string IdempotencyTableName = "idempotency";

    public const string RowKey = "r";

    private const string Pending = "pending";
    private const string Done = "done";
    private const string BodyProperty = "Body";

    public static string PartitionKey(string tenantId, string operation, string key) =>
        string.Concat(TableKeyEncoder.Join(tenantId, "idem", operation), "|", StorageKeys.Value(key));

    public static TableEntity ToPendingEntity(string partitionKey, string requestHash, DateTimeOffset now, DateTimeOffset leaseUntil, DateTimeOffset expiresAt) =>
        new(partitionKey, RowKey)
        {
            ["State"] = Pending,
            ["RequestHash"] = requestHash,
            ["LeaseUntil"] = leaseUntil,
            ["ExpiresAt"] = expiresAt,
            ["CreatedAt"] = now,
        };

    public static TableEntity ToDoneEntity(string partitionKey, string requestHash, IdempotentResponse response, DateTimeOffset expiresAt)
    {
        var row = new TableEntity(partitionKey, RowKey)
        {
            ["State"] = Done,
            ["RequestHash"] = requestHash,
            ["Status"] = response.StatusCode,
            ["ExpiresAt"] = expiresAt,
        };
        row.SetIfPresent("ContentType", response.ContentType);
        row.SetIfPresent("AnswerETag", response.ETag);
        BinaryChunks.Write(row, BodyProperty, response.Body);
        return row;
    }

    public static DateTimeOffset ExpiresAt(TableEntity row) => row.GetDateTimeOffset("ExpiresAt") ?? default;

    public static DateTimeOffset LeaseUntil(TableEntity row) => row.GetDateTimeOffset("LeaseUntil") ?? default;

    public static string? RequestHash(TableEntity row) => row.GetString("RequestHash");

    /// <summary>The stored answer, or null while the row is pending.</summary>
    public static IdempotentResponse? ReadResponse(TableEntity row) => row.GetString("State") == Done
        ? new IdempotentResponse(row.GetInt32("Status") ?? 200, row.GetString("ContentType"), BinaryChunks.Read(row, BodyProperty) ?? [], row.GetString("AnswerETag"))
        : null;
}
