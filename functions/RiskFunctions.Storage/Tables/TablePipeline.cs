using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Storage.Tables;

/// <summary>
/// The Azure.Core pipeline of one account endpoint, built once and shared by the service client and every table
/// client it hands out: retries, date stamping, authentication, and the error translation.
/// </summary>
internal sealed class TablePipeline
{
    /// <summary>Entra ID scope for Azure Storage data-plane access.</summary>
    internal const string StorageScope = "https://storage.azure.com/.default";

    private readonly HttpPipeline _pipeline;
    private readonly string _serviceVersion;

    private TablePipeline(Uri endpoint, HttpPipelinePolicy authentication, TableClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new TableClientOptions();
        options.RetryPolicy ??= TableRetryPolicy.FromOptions(options.Retry);
        Endpoint = endpoint;
        _serviceVersion = options.ServiceVersion;

        var pipelineOptions = new HttpPipelineOptions(options)
        {
            RequestFailedDetailsParser = TableRequestFailedDetailsParser.Instance,
        };
        pipelineOptions.PerRetryPolicies.Add(new TableDatePolicy(options.TimeProvider));
        pipelineOptions.PerRetryPolicies.Add(authentication);
        _pipeline = HttpPipelineBuilder.Build(pipelineOptions);
    }

    /// <summary>The account's table endpoint, e.g. <c>https://acct.table.core.windows.net</c>.</summary>
    public Uri Endpoint { get; }

    public static TablePipeline FromConnectionString(string connectionString, TableClientOptions? options)
    {
        var parsed = TableConnectionString.Parse(connectionString);
        return new TablePipeline(parsed.TableEndpoint, new TableSharedKeyLitePolicy(parsed.Credential), options);
    }

    public static TablePipeline FromSharedKey(Uri endpoint, TableSharedKeyCredential credential, TableClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new TablePipeline(endpoint, new TableSharedKeyLitePolicy(credential), options);
    }

    public static TablePipeline FromTokenCredential(Uri endpoint, TokenCredential credential, TableClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new TablePipeline(endpoint, new BearerTokenAuthenticationPolicy(credential, StorageScope), options);
    }

    /// <summary>A request to <c>{endpoint}{path}</c> with the protocol headers every operation sends.</summary>
    public HttpMessage CreateMessage(RequestMethod method, string path, ResponseClassifier classifier)
    {
        var message = _pipeline.CreateMessage();
        message.ResponseClassifier = classifier;
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(Endpoint);
        request.Uri.AppendPath(path, escape: false);
        request.Headers.SetValue(TableHeaders.Version, _serviceVersion);
        request.Headers.SetValue(TableHeaders.DataServiceVersion, TableHeaders.DataServiceVersion3);
        request.Headers.SetValue(HttpHeader.Names.Accept, TableHeaders.AcceptJson);
        return message;
    }

    /// <summary>Sends the request; a status the classifier calls an error surfaces as <see cref="RequestFailedException"/>.</summary>
    /// <remarks>
    /// The message is not disposed: that would dispose the response handed to the caller. Responses are buffered
    /// (Azure.Core's default), so the connection is back in the pool once this returns.
    /// </remarks>
    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        return response.IsError ? throw CreateException(response) : response;
    }

    public static RequestFailedException CreateException(Response response) =>
        new(response, null, TableRequestFailedDetailsParser.Instance);
}
