using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using RiskFunctions.Testing.Host;

namespace RiskFunctions.Testing.ServiceBus;

/// <summary>
/// A Service Bus namespace's REST send endpoint on loopback (<c>POST /{queue}/messages</c>), for tests of code that
/// sends with the REST API. It checks the request the way the broker does (SAS authorization, BrokerProperties
/// with a MessageId, a body) and puts accepted messages on a <see cref="SimulatedServiceBusQueue"/>, whose
/// duplicate detection then behaves as the real queue's. <see cref="FailNext"/> makes it answer 503 for a while.
/// </summary>
public sealed class ServiceBusRestEndpoint : IAsyncDisposable
{
    public const string KeyName = "RootManageSharedAccessKey";
    public const string Key = "dGVzdC1zaGFyZWQtYWNjZXNzLWtleQ==";

    private readonly HttpListener _listener = new();
    private readonly Func<string, SimulatedServiceBusQueue?> _queues;
    private readonly Task _loop;
    private int _failuresLeft;

    public ServiceBusRestEndpoint(Func<string, SimulatedServiceBusQueue?> queues)
    {
        _queues = queues;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>A SAS connection string that points a sender here.</summary>
    public string ConnectionString => $"Endpoint=http://127.0.0.1:{Port}/;SharedAccessKeyName={KeyName};SharedAccessKey={Key}";

    /// <summary>Every request received, accepted or not, with its headers, for assertions on the wire shape.</summary>
    public List<ReceivedSend> Received { get; } = [];

    /// <summary>Answer 503 to the next <paramref name="count"/> sends, as a broker that is unavailable.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
            // Stopped while waiting for a request.
        }
        catch (ObjectDisposedException)
        {
            // Stopped while waiting for a request.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            context.Response.StatusCode = await HandleAsync(context.Request);
            context.Response.Close();
        }
    }

    private async Task<int> HandleAsync(HttpListenerRequest request)
    {
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var headers = request.Headers.AllKeys.Where(key => key is not null).ToDictionary(key => key!, key => request.Headers[key] ?? "", StringComparer.OrdinalIgnoreCase);
        var received = new ReceivedSend(request.HttpMethod, request.Url!.AbsolutePath, headers, body.ToArray());
        lock (Received)
        {
            Received.Add(received);
        }

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            return (int)HttpStatusCode.ServiceUnavailable;
        }

        var segments = request.Url.AbsolutePath.Trim('/').Split('/');
        if (request.HttpMethod != "POST" || segments.Length != 2 || segments[1] != "messages")
        {
            return (int)HttpStatusCode.NotFound;
        }

        if (!headers.TryGetValue("Authorization", out var authorization) || !authorization.StartsWith("SharedAccessSignature sr=", StringComparison.Ordinal)
            || !authorization.Contains("&skn=" + KeyName, StringComparison.Ordinal))
        {
            return (int)HttpStatusCode.Unauthorized;
        }

        if (!headers.TryGetValue("BrokerProperties", out var brokerProperties) || body.Length == 0)
        {
            return (int)HttpStatusCode.BadRequest;
        }

        using var broker = JsonDocument.Parse(brokerProperties);
        var messageId = broker.RootElement.GetProperty("MessageId").GetString();
        var correlationId = broker.RootElement.TryGetProperty("CorrelationId", out var correlation) ? correlation.GetString() : null;
        // Application properties are the headers whose value is a quoted JSON string, as the REST API sends them.
        var properties = headers
            .Where(header => !StandardHeaders.Contains(header.Key) && header.Value.StartsWith('"'))
            .ToDictionary(header => header.Key, header => (object?)JsonSerializer.Deserialize<string>(header.Value), StringComparer.Ordinal);
        if (_queues(segments[0]) is not { } queue)
        {
            return (int)HttpStatusCode.NotFound;
        }

        queue.Send(body.ToArray(), messageId, correlationId, applicationProperties: properties, contentType: headers.GetValueOrDefault("Content-Type"));
        return (int)HttpStatusCode.Created;
    }

    private static readonly HashSet<string> StandardHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "BrokerProperties", "Content-Type", "Content-Length", "Host", "Connection", "Accept", "User-Agent",
        "x-ms-client-request-id", "x-ms-return-client-request-id", "traceparent", "Expect", "Accept-Encoding",
    };

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

/// <summary>One request the endpoint received.</summary>
public sealed record ReceivedSend(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);
