using System.Net;
using Azure;
using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Tests.TableSupport;

public sealed class ReplaySafeRetryPolicyTests
{
    public static TheoryData<HttpStatusCode> RetriedForEveryRequest => [HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable];

    public static TheoryData<HttpStatusCode> RetriedOnlyWhenReplaySafe =>
        [HttpStatusCode.RequestTimeout, HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.GatewayTimeout];

    [Theory]
    [MemberData(nameof(RetriedOnlyWhenReplaySafe))]
    [MemberData(nameof(RetriedForEveryRequest))]
    public async Task UpsertEntity_TransientFailure_IsRetried(HttpStatusCode failure)
    {
        var (table, handler) = StubbedTables.Create(failure, HttpStatusCode.NoContent);

        await table.UpsertCheckedAsync(new TableEntity("p", "r"), TableUpdateMode.Merge);

        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(RetriedForEveryRequest))]
    public async Task AddEntity_Throttled_IsRetried(HttpStatusCode failure)
    {
        var (table, handler) = StubbedTables.Create(failure, HttpStatusCode.NoContent);

        await table.AddCheckedAsync(new TableEntity("p", "r"));

        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(RetriedOnlyWhenReplaySafe))]
    public async Task AddEntity_FailureThatMayHaveBeenApplied_SurfacesWithoutReplay(HttpStatusCode failure)
    {
        var (table, handler) = StubbedTables.Create(failure, HttpStatusCode.NoContent);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddCheckedAsync(new TableEntity("p", "r")));

        Assert.Equal((int)failure, ex.Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task AddEntity_ConnectionDropped_SurfacesWithoutReplay()
    {
        var (table, handler) = StubbedTables.Create(new StubHttpHandler((_, _) => throw new HttpRequestException("connection reset")));

        await Assert.ThrowsAsync<StorageUnavailableException>(() => table.AddCheckedAsync(new TableEntity("p", "r")));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task UpdateEntity_SpecificETagAfter500_SurfacesWithoutReplay()
    {
        var (table, handler) = StubbedTables.Create(HttpStatusCode.InternalServerError, HttpStatusCode.NoContent);

        await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpdateCheckedAsync(new TableEntity("p", "r"), new ETag("W/\"1\""), TableUpdateMode.Merge));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task UpdateEntity_AnyETagAfter500_IsRetried()
    {
        var (table, handler) = StubbedTables.Create(HttpStatusCode.InternalServerError, HttpStatusCode.NoContent);

        await table.UpdateCheckedAsync(new TableEntity("p", "r"), ETag.All, TableUpdateMode.Merge);

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task DeleteEntity_After500_IsRetriedBecause404CountsAsDone()
    {
        var (table, handler) = StubbedTables.Create(HttpStatusCode.InternalServerError, HttpStatusCode.NotFound);

        var response = await table.DeleteEntityAsync("p", "r");

        Assert.Equal(404, response.Status);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task SubmitTransaction_UpsertsOnlyAfter500_IsRetried()
    {
        var (table, handler) = StubbedTables.Create(HttpStatusCode.InternalServerError, HttpStatusCode.BadRequest);

        // The second answer is a bare 400; the point is that a second attempt was made.
        await Assert.ThrowsAnyAsync<RequestFailedException>(() => table.SubmitCheckedAsync(
            [new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "r"))]));

        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [InlineData(TableTransactionActionType.Add)]
    [InlineData(TableTransactionActionType.UpdateReplace)]
    [InlineData(TableTransactionActionType.Delete)]
    public async Task SubmitTransaction_WithReplayUnsafeActionAfter500_SurfacesWithoutReplay(TableTransactionActionType unsafeAction)
    {
        var (table, handler) = StubbedTables.Create(HttpStatusCode.InternalServerError, HttpStatusCode.Accepted);

        var ex = await Assert.ThrowsAnyAsync<RequestFailedException>(() => table.SubmitCheckedAsync(
        [
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "a")),
            new(unsafeAction, new TableEntity("p", "b"), new ETag("W/\"1\"")),
        ]));

        Assert.Equal(500, ex.Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task SubmitTransaction_NotThroughTableWrites_IsNeverReplayed()
    {
        var (table, handler) = StubbedTables.Create(HttpStatusCode.InternalServerError, HttpStatusCode.Accepted);

        await Assert.ThrowsAnyAsync<RequestFailedException>(() => table.SubmitTransactionAsync(
            [new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", "r"))]));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetEntity_PersistentServiceUnavailable_GivesUpAfterMaxRetriesAsStorageUnavailable()
    {
        var (table, handler) = StubbedTables.Create(HttpStatusCode.ServiceUnavailable);

        var ex = await Assert.ThrowsAsync<StorageUnavailableException>(() => table.GetEntityAsync<TableEntity>("p", "r"));

        Assert.Equal(503, ex.Status);
        Assert.Equal(TableClientDefaults.MaxRetries + 1, handler.Requests.Count);
    }

    [Fact]
    public async Task AnyOperation_ClientError_IsNotRetried()
    {
        var (table, handler) = StubbedTables.Create(HttpStatusCode.BadRequest, HttpStatusCode.NoContent);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpsertCheckedAsync(new TableEntity("p", "r"), TableUpdateMode.Merge));

        Assert.IsNotType<StorageUnavailableException>(ex);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetEntity_NoAnswerWithinTheBudget_FailsAsStorageUnavailableWithoutAnotherAttempt()
    {
        var handler = new HangingHttpHandler();
        var (table, _) = StubbedTables.Create(new StubHttpHandler(HttpStatusCode.OK), budget: TimeSpan.FromMilliseconds(600), handler);

        var ex = await Assert.ThrowsAsync<StorageUnavailableException>(() => table.GetEntityAsync<TableEntity>("p", "r"));

        Assert.Equal(0, ex.Status);
        Assert.Equal(1, handler.Attempts);
    }
}
