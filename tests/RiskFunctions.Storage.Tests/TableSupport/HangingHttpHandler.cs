namespace RiskFunctions.Storage.Tests.TableSupport;

/// <summary>A server that accepts every request and never answers; counts the attempts.</summary>
internal sealed class HangingHttpHandler : HttpMessageHandler
{
    private int _attempts;

    public int Attempts => _attempts;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
