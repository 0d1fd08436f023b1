using System.Diagnostics;
using System.Net.Sockets;

namespace RiskFunctions.LocalHost.Worker;

/// <summary>
/// Waits until the worker's own Kestrel accepts connections. The worker reports its <c>HttpUri</c> at init, but its web
/// server may still be starting when the functions are loaded (seen on a loaded machine): a request forwarded then
/// would fail with a refused connection, so the host is not ready until the endpoint answers.
/// </summary>
internal static class WorkerHttpReadiness
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static async Task WaitAsync(Uri httpUri, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(httpUri.Host, httpUri.Port, cancellationToken);
                return;
            }
            catch (SocketException) when (elapsed.Elapsed < timeout)
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
            catch (SocketException ex)
            {
                throw new TimeoutException($"The worker's HTTP endpoint {httpUri} did not accept connections within {timeout}.", ex);
            }
        }
    }
}
