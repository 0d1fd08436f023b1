using Azure;

namespace RiskFunctions.Storage.Tables;

/// <summary>Async paging over a query whose pages are linked by continuation tokens.</summary>
internal sealed class TablePageable<T>(
    Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage,
    int? defaultPageSize,
    CancellationToken cancellationToken) : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        // A page may be empty and still carry a continuation (the service stops after 5 s of work), so only a
        // missing token ends the query.
        do
        {
            var page = await fetchPage(continuationToken, pageSizeHint ?? defaultPageSize, CancellationToken).ConfigureAwait(false);
            yield return page;
            continuationToken = page.ContinuationToken;
        }
        while (continuationToken is not null);
    }
}
