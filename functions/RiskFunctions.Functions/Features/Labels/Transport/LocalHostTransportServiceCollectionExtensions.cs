using RiskFunctions.Functions.Features.Labels.Propagation;
namespace RiskFunctions.Functions.Features.Labels.Transport;

/// <summary>The local Functions host transport: messages go to the host that runs this worker.</summary>
public static class LocalHostTransportServiceCollectionExtensions
{
    /// <summary>Optional explicit address of the local host (e.g. <c>http://127.0.0.1:7071/</c>).</summary>
    public const string AddressSetting = "Labels:LocalHostAddress";

    /// <summary>Set by the Functions host (and the local host) to the app's own <c>host:port</c>.</summary>
    public const string HostNameSetting = "WEBSITE_HOSTNAME";

    /// <summary>
    /// Registers <see cref="LocalHostLabelPropagationQueue"/> for the queue named by <c>LabelPropagationQueue</c>,
    /// addressed at <see cref="AddressSetting"/> or else at <c>http://WEBSITE_HOSTNAME/</c>. Checked now, so a
    /// misconfigured transport stops start-up instead of failing label requests.
    /// </summary>
    public static IServiceCollection AddLocalHostLabelTransport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var queue = configuration[LabelTriggerSettings.Queue];
        var address = configuration[AddressSetting] is { Length: > 0 } configured
            ? configured
            : configuration[HostNameSetting] is { Length: > 0 } hostName ? "http://" + hostName + "/" : null;
        if (string.IsNullOrWhiteSpace(queue) || address is null || !Uri.TryCreate(address, UriKind.Absolute, out var baseAddress))
        {
            throw new InvalidOperationException(
                $"Labels:Transport LocalHost needs {LabelTriggerSettings.Queue} and {AddressSetting} or {HostNameSetting}.");
        }

        services.AddHttpClient(nameof(LocalHostLabelPropagationQueue), client =>
        {
            client.BaseAddress = baseAddress;
            client.Timeout = TimeSpan.FromSeconds(10);
        });
        services.AddSingleton<ILabelPropagationQueue>(provider => new LocalHostLabelPropagationQueue(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(LocalHostLabelPropagationQueue)), queue));
        return services;
    }
}
