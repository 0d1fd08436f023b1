using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace RiskFunctions.Benchmarks.Actions;

/// <summary>
/// Answers Table requests from memory, so a benchmark measures what the Azure SDK and the repositories spend on a
/// request (building, signing, serializing, parsing) without the network or a server: a GET gets the given entity
/// JSON, any write 204 with an ETag.
/// </summary>
internal sealed class CannedTableHandler(string entityJson) : HttpMessageHandler
{
    private const string ETag = "W/\"datetime'2026-12-06T10%3A00%3A00.0000000Z'\"";

    private readonly byte[] _entity = Encoding.UTF8.GetBytes(entityJson);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = new HttpResponseMessage(request.Method == HttpMethod.Get ? HttpStatusCode.OK : HttpStatusCode.NoContent) { RequestMessage = request };
        if (request.Method == HttpMethod.Get)
        {
            response.Content = new ByteArrayContent(_entity);
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        response.Headers.TryAddWithoutValidation("ETag", ETag);
        response.Headers.TryAddWithoutValidation("x-ms-request-id", "00000000-0000-0000-0000-000000000000");
        return Task.FromResult(response);
    }
}
