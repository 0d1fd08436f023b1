using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Features.Labels.Transport;

namespace RiskFunctions.Functions.Tests.Features.Labels.Transport;

/// <summary>
/// The Service Bus transport's settings, read as the host's trigger reads <c>ServiceBusConnection</c>. Nothing here
/// reaches a broker: the client connects on its first send, so resolving it checks the registration only.
/// </summary>
public sealed class ServiceBusTransportRegistrationTests
{
    private const string Namespace = "sb-risk-test.servicebus.windows.net";
    private const string Queue = "label-propagation";
    private const string ConnectionString = "Endpoint=sb://sb-risk-sas.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=dGVzdC1zaGFyZWQtYWNjZXNzLWtleQ==";

    [Fact]
    public async Task AddServiceBusLabelTransport_NamespaceWithManagedIdentity_SenderForTheQueueInThatNamespace()
    {
        await using var provider = Build(new()
        {
            ["ServiceBusConnection:fullyQualifiedNamespace"] = Namespace,
            ["ServiceBusConnection:credential"] = "managedidentity",
            ["ServiceBusConnection:clientId"] = "00000000-0000-0000-0000-000000000001",
            ["LabelPropagationQueue"] = Queue,
        });

        var sender = provider.GetRequiredService<ServiceBusSender>();

        Assert.Equal(Namespace, provider.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
        Assert.Equal(Namespace, sender.FullyQualifiedNamespace);
        Assert.Equal(Queue, sender.EntityPath);
        Assert.IsType<ServiceBusLabelPropagationQueue>(provider.GetRequiredService<ILabelPropagationQueue>());
    }

    [Fact]
    public async Task AddServiceBusLabelTransport_NamespaceWithoutCredential_SenderForThatNamespace()
    {
        // No credential named: the client factory's default credential chain (a developer's az login).
        await using var provider = Build(new()
        {
            ["ServiceBusConnection:fullyQualifiedNamespace"] = Namespace,
            ["LabelPropagationQueue"] = Queue,
        });

        Assert.Equal(Namespace, provider.GetRequiredService<ServiceBusSender>().FullyQualifiedNamespace);
    }

    [Fact]
    public async Task AddServiceBusLabelTransport_SasConnectionString_SenderForTheConnectionStringsNamespace()
    {
        await using var provider = Build(new()
        {
            ["ServiceBusConnection"] = ConnectionString,
            ["LabelPropagationQueue"] = Queue,
        });

        var sender = provider.GetRequiredService<ServiceBusSender>();

        Assert.Equal("sb-risk-sas.servicebus.windows.net", sender.FullyQualifiedNamespace);
        Assert.Equal(Queue, sender.EntityPath);
    }

    [Fact]
    public async Task AddServiceBusLabelTransport_ClientAndSender_AreOneInstanceEach()
    {
        await using var provider = Build(new()
        {
            ["ServiceBusConnection:fullyQualifiedNamespace"] = Namespace,
            ["LabelPropagationQueue"] = Queue,
        });

        Assert.Same(provider.GetRequiredService<ServiceBusClient>(), provider.GetRequiredService<ServiceBusClient>());
        Assert.Same(provider.GetRequiredService<ServiceBusSender>(), provider.GetRequiredService<ServiceBusSender>());
    }

    [Theory]
    [InlineData(null, null, "credential", "ServiceBusConnection: is required")]
    [InlineData(ConnectionString, Namespace, null, "not both")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/", null, null, "SharedAccessKeyName and SharedAccessKey")]
    [InlineData("not a connection string", null, null, "ServiceBusConnection: the connection string is not valid")]
    [InlineData(null, "https://ns.servicebus.windows.net/", null, "ServiceBusConnection__fullyQualifiedNamespace: must be a host name")]
    [InlineData(null, Namespace, "clientsecret", "ServiceBusConnection__credential")]
    public void AddServiceBusLabelTransport_BadConnection_FailsAtRegistrationNamingTheSetting(string? connectionString, string? fullyQualifiedNamespace, string? credential, string expected)
    {
        var settings = new Dictionary<string, string?> { ["LabelPropagationQueue"] = Queue };
        if (connectionString is not null)
        {
            settings["ServiceBusConnection"] = connectionString;
        }

        if (fullyQualifiedNamespace is not null)
        {
            settings["ServiceBusConnection:fullyQualifiedNamespace"] = fullyQualifiedNamespace;
        }

        if (credential is not null)
        {
            settings["ServiceBusConnection:credential"] = credential;
        }

        var error = Assert.Throws<OptionsValidationException>(() => Build(settings));

        Assert.Contains(error.Failures, failure => failure.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AddServiceBusLabelTransport_NoQueueName_FailsAtRegistration()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(new() { ["ServiceBusConnection:fullyQualifiedNamespace"] = Namespace }));

        Assert.Contains("LabelPropagationQueue: is required when Labels:Transport is ServiceBus", error.Failures);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddServiceBusLabelTransport(configuration);
        return services.BuildServiceProvider();
    }
}
