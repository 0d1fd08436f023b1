using RiskFunctions.Storage.Tables;

namespace RiskFunctions.Storage.Tests.Tables;

/// <summary>Replies in the format of the service's documentation (Azure itself, not Azurite).</summary>
public sealed class TableTransactionResponseReaderTests
{
    private const string Success =
        "--batchresponse_4c637ba4\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_fb1b3a7e\r\n\r\n" +
        "--changesetresponse_fb1b3a7e\r\n" +
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        "HTTP/1.1 204 No Content\r\nContent-ID: 1\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-cache\r\nDataServiceVersion: 1.0;\r\nETag: W/\"datetime'2025-11-21T04%3A00%3A00.1Z'\"\r\n\r\n\r\n" +
        "--changesetresponse_fb1b3a7e\r\n" +
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        "HTTP/1.1 204 No Content\r\nContent-ID: 2\r\nDataServiceVersion: 1.0;\r\n\r\n\r\n" +
        "--changesetresponse_fb1b3a7e--\r\n" +
        "--batchresponse_4c637ba4--\r\n";

    private const string Failure =
        "--batchresponse_e69b1c6c\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_a6253244\r\n\r\n" +
        "--changesetresponse_a6253244\r\n" +
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        "HTTP/1.1 400 Bad Request\r\nContent-ID: 2\r\nContent-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n\r\n" +
        "{\"odata.error\":{\"code\":\"InvalidInput\",\"message\":{\"lang\":\"en-US\",\"value\":\"1:One of the request inputs is not valid.\\nRequestId:1\\nTime:2025-11-21T04:00:00Z\"}}}\r\n" +
        "--changesetresponse_a6253244--\r\n" +
        "--batchresponse_e69b1c6c--\r\n";

    [Fact]
    public void ParseParts_SuccessReply_OnePartPerOperationWithETag()
    {
        var parts = TableTransactionResponseReader.ParseParts(Success);

        Assert.Equal([204, 204], parts.Select(p => p.Status));
        Assert.Equal("W/\"datetime'2025-11-21T04%3A00%3A00.1Z'\"", parts[0].Headers["ETag"]);
        Assert.Equal(string.Empty, parts[0].Body);
    }

    [Fact]
    public void ParseParts_FailureReply_KeepsStatusAndErrorBody()
    {
        var part = Assert.Single(TableTransactionResponseReader.ParseParts(Failure));

        Assert.Equal(400, part.Status);
        Assert.StartsWith("{\"odata.error\"", part.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseParts_BareLineFeeds_AreAccepted()
    {
        var parts = TableTransactionResponseReader.ParseParts(Success.Replace("\r\n", "\n", StringComparison.Ordinal));

        Assert.Equal(2, parts.Count);
    }
}
