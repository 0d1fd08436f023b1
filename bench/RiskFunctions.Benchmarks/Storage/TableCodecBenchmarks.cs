using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RiskFunctions.Storage.Tables;

namespace RiskFunctions.Benchmarks.Storage;

/// <summary>
/// The client's own CPU and allocation cost per operation, without the network: what it adds on top of the
/// service time that the throughput program measures.
/// </summary>
[MemoryDiagnoser]
public class TableCodecBenchmarks
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:10002/devstoreaccount1");
    private TableEntity _entity = null!;
    private byte[] _entityJson = null!;
    private TableTransactionAction[] _actions = null!;
    private string _transactionReply = null!;

    [GlobalSetup]
    public void Setup()
    {
        _entity = Entity("p", "0000000001");
        _entityJson = Encoding.UTF8.GetBytes(
            """{"odata.metadata":"x","odata.etag":"W/\"datetime'2025-11-21T04%3A00%3A00.1Z'\"","PartitionKey":"p","RowKey":"0000000001","Timestamp":"2025-11-21T04:00:00.1234567Z","Name":"user-0000000001","Count":1,"Total@odata.type":"Edm.Int64","Total":"1000","Score@odata.type":"Edm.Double","Score":0.5,"At@odata.type":"Edm.DateTime","At":"2025-11-21T04:00:00.0000000Z"}""");
        _actions = [.. Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Entity("p", $"{i:D10}")))];
        var reply = new StringBuilder("--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_1\r\n\r\n");
        for (var i = 0; i < 100; i++)
        {
            reply.Append("--changesetresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                .Append("HTTP/1.1 204 No Content\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-cache\r\nDataServiceVersion: 3.0;\r\n")
                .Append("ETag: W/\"datetime'2025-11-21T04%3A00%3A00.1Z'\"\r\n\r\n\r\n");
        }

        _transactionReply = reply.Append("--changesetresponse_1--\r\n--batchresponse_1--\r\n").ToString();
    }

    [Benchmark]
    public ReadOnlyMemory<byte> WriteEntity() => TableEntityJsonWriter.ToUtf8(TableEntityProperties.FromEntity(_entity));

    [Benchmark]
    public TableEntity ReadEntity()
    {
        using var document = JsonDocument.Parse(_entityJson);
        return TableEntityJsonReader.ReadEntity<TableEntity>(document.RootElement);
    }

    [Benchmark]
    public BinaryData BuildTransactionOf100() => TableTransactionBody.Create(Endpoint, "throughput", _actions).Content;

    [Benchmark]
    public int ParseTransactionReplyOf100() => TableTransactionResponseReader.ParseParts(_transactionReply).Count;

    private static TableEntity Entity(string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["Name"] = "user-" + rowKey,
        ["Count"] = 1,
        ["Total"] = 1_000L,
        ["Score"] = 0.5,
        ["At"] = new DateTimeOffset(2025, 11, 21, 4, 0, 0, TimeSpan.Zero),
    };
}
