using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace RiskFunctions.Storage.ServiceBus;

/// <summary>
/// Sends messages to one queue with the Service Bus REST API (<c>POST https://{ns}/{queue}/messages</c>) on an
/// Azure.Core pipeline: retries with backoff, and an Entra token (managed identity) or a shared access signature.
/// Broker properties go in the <c>BrokerProperties</c> header, application properties one header each.
/// </summary>
public class ServiceBusQueueSender
{
    internal const string ServiceBusScope = "https://servicebus.azure.net/.default";

    private readonly HttpPipeline _pipeline;
    private readonly Uri _messagesUri;

    public ServiceBusQueueSender(ServiceBusSenderOptions options, string queueName, TimeProvider timeProvider, TokenCredential? credential = null, ClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var errors = options.Validate("ServiceBusConnection");
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        Uri endpoint;
        HttpPipelinePolicy authentication;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var parsed = ServiceBusConnectionString.TryParse(options.ConnectionString)!;
            endpoint = parsed.Endpoint;
            authentication = new ServiceBusSasPolicy(parsed.KeyName, parsed.Key, options.SasLifetime, timeProvider);
        }
        else
        {
            endpoint = new Uri($"https://{options.FullyQualifiedNamespace!.Trim().TrimEnd('/')}/");
            credential ??= string.IsNullOrWhiteSpace(options.ClientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
            authentication = new BearerTokenAuthenticationPolicy(credential, ServiceBusScope);
        }

        _messagesUri = new Uri(endpoint, Uri.EscapeDataString(queueName) + "/messages");
        _pipeline = HttpPipelineBuilder.Build(new HttpPipelineOptions(clientOptions ?? new ServiceBusClientOptions()) { PerRetryPolicies = { authentication } });
    }

    /// <summary>For mocking.</summary>
    protected ServiceBusQueueSender()
    {
        _pipeline = null!;
        _messagesUri = null!;
    }

    /// <summary>Sends one message; completes when the broker has accepted it (201).</summary>
    /// <exception cref="RequestFailedException">The broker refused it or could not be reached after retries.</exception>
    public virtual async Task SendAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var http = _pipeline.CreateMessage();
        http.ResponseClassifier = Created;
        var request = http.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(_messagesUri);
        request.Headers.SetValue(HttpHeader.Names.ContentType, message.ContentType);
        request.Headers.SetValue("BrokerProperties", BrokerProperties(message));
        foreach (var (name, value) in message.ApplicationProperties)
        {
            // Quoted, so the broker keeps the value a string even when it looks like a number.
            request.Headers.SetValue(name, JsonSerializer.Serialize(value, ServiceBusJsonContext.Default.String));
        }

        request.Content = RequestContent.Create(message.Body);
        await _pipeline.SendAsync(http, cancellationToken).ConfigureAwait(false);
        if (http.Response.IsError)
        {
            throw new RequestFailedException(http.Response);
        }
    }

    internal static string BrokerProperties(ServiceBusMessage message) => JsonSerializer.Serialize(
        new BrokerPropertiesHeader { MessageId = message.MessageId, CorrelationId = message.CorrelationId },
        ServiceBusJsonContext.Default.BrokerPropertiesHeader);

    private static readonly ResponseClassifier Created = new StatusCodeClassifier([201]);
}

/// <summary>Retry and diagnostics options of the Service Bus sender's pipeline.</summary>
public sealed class ServiceBusClientOptions : ClientOptions;
