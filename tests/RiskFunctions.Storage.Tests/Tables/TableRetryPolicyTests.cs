using System.Net;
using Azure;
using RiskFunctions.Storage.Tables;

namespace RiskFunctions.Storage.Tests.Tables;

public sealed class TableRetryPolicyTests
{
    public static TheoryData<HttpStatusCode> RetriedForEveryRequest => [HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable];

    public static TheoryData<HttpStatusCode> RetriedOnlyWhenReplaySafe =>
        [HttpStatusCode.RequestTimeout, HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.GatewayTimeout];

    [Theory]
    [MemberData(nameof(RetriedOnlyWhenReplaySafe))]
    [MemberData(nameof(RetriedForEveryRequest))]
    public async Task UpsertEntity_TransientFailure_IsRetried(HttpStatusCode failure)
    {
        var (table, handler) = Create(failure, HttpStatusCode.NoContent);

        await table.UpsertEntityAsync(new TableEntity("p", "r"));

        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(RetriedForEveryRequest))]
    public async Task AddEntity_Throttled_IsRetried(HttpStatusCode failure)
    {
        var (table, handler) = Create(failure, HttpStatusCode.NoContent);

        await table.AddEntityAsync(new TableEntity("p", "r"));

        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(RetriedOnlyWhenReplaySafe))]
    public async Task AddEntity_FailureThatMayHaveBeenApplied_SurfacesWithoutReplay(HttpStatusCode failure)
    {
        var (table, handler) = Create(failure, HttpStatusCode.NoContent);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal((int)failure, ex.Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task UpdateEntity_SpecificETagAfter500_SurfacesWithoutReplay()
    {
        var (table, handler) = Create(HttpStatusCode.InternalServerError, HttpStatusCode.NoContent);

        await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "r"), new ETag("W/\"1\"")));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task UpdateEntity_AnyETagAfter500_IsRetried()
    {
        var (table, handler) = Create(HttpStatusCode.InternalServerError, HttpStatusCode.NoContent);

        await table.UpdateEntityAsync(new TableEntity("p", "r"), ETag.All);

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task DeleteEntity_After500_IsRetriedBecause404CountsAsDone()
    {
        var (table, handler) = Create(HttpStatusCode.InternalServerError, HttpStatusCode.NotFound);

        var response = await table.DeleteEntityAsync("p", "r");

        Assert.Equal(404, response.Status);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task SubmitTransaction_UpsertsOnlyAfter500_IsRetried()
    {
        var (table, handler) = Create(HttpStatusCode.InternalServerError, HttpStatusCode.Accepted);

        // The stubbed 202 has no parts, which the reader reports; the point is that a second attempt was made.
        await Assert.ThrowsAsync<RequestFailedException>(() => table.SubmitTransactionAsync(
            [new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "r"))]));

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task SubmitTransaction_WithAddAfter500_SurfacesWithoutReplay()
    {
        var (table, handler) = Create(HttpStatusCode.InternalServerError, HttpStatusCode.Accepted);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "a")),
            new(TableTransactionActionType.Add, new TableEntity("p", "b")),
        ]));

        Assert.Equal(500, ex.Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetEntity_PersistentFailure_GivesUpAfterMaxRetries()
    {
        var (table, handler) = Create(HttpStatusCode.ServiceUnavailable);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r"));

        Assert.Equal(503, ex.Status);
        Assert.Equal(6, handler.Requests.Count);
    }

    [Fact]
    public async Task AnyOperation_ClientError_IsNotRetried()
    {
        var (table, handler) = Create(HttpStatusCode.BadRequest, HttpStatusCode.NoContent);

        await Assert.ThrowsAsync<RequestFailedException>(() => table.UpsertEntityAsync(new TableEntity("p", "r")));

        Assert.Single(handler.Requests);
    }

    private static (TableClient Table, StubHttpHandler Handler) Create(params HttpStatusCode[] statuses)
    {
        var handler = new StubHttpHandler(statuses);
        return (new TableClient("UseDevelopmentStorage=true", "people", TableSigningTests.Options(handler)), handler);
    }
}
