using System.Net;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Tests.TableSupport;

/// <summary>A table client configured as the service's, talking to a scripted HTTP handler instead of a server.</summary>
internal static class StubbedTables
{
    public static (TableClient Table, StubHttpHandler Handler) Create(params HttpStatusCode[] statuses) =>
        Create(new StubHttpHandler(statuses));

    public static (TableClient Table, StubHttpHandler Handler) Create(StubHttpHandler handler, TimeSpan? budget = null, HttpMessageHandler? transport = null)
    {
        var storage = new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", CallTimeout = budget ?? TimeSpan.FromSeconds(30) };
        var options = TableClientDefaults.Configure(new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(transport ?? handler)) }, storage);

        // Same policy, pauses of a millisecond: the tests count attempts, not time.
        options.RetryPolicy = new ReplaySafeRetryPolicy(
            TableClientDefaults.MaxRetries, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), storage.CallTimeout, storage.CallTimeout);
        return (new TableServiceClient(storage.ConnectionString, options).GetTableClient("people"), handler);
    }
}
