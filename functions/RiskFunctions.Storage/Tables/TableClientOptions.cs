using Azure.Core;

namespace RiskFunctions.Storage.Tables;

/// <summary>
/// Options for <see cref="TableServiceClient"/> and <see cref="TableClient"/>: transport, diagnostics and retries
/// come from Azure.Core's <see cref="ClientOptions"/>.
/// </summary>
/// <remarks>
/// Retries default to 5 exponential attempts starting at 0.5 s (capped at 10 s) for 408, 429, 500, 502, 503, 504
/// and transport failures. Requests whose replay could report a false failure (inserts, conditional writes,
/// transactions containing them) are only retried on 429 and 503, which the service uses for requests it did not
/// execute; see <see cref="TableRetryPolicy"/>. Unless <see cref="ClientOptions.RetryPolicy"/> is set, the first client
/// built from these options sets it to that policy, configured from <see cref="ClientOptions.Retry"/>.
/// </remarks>
public sealed class TableClientOptions : ClientOptions
{
    /// <summary>The REST API version sent as <c>x-ms-version</c> (the one Azure.Data.Tables sends).</summary>
    public const string DefaultServiceVersion = "2019-02-02";

    /// <summary>Creates options with the table defaults.</summary>
    public TableClientOptions()
    {
        Retry.MaxRetries = 5;
        Retry.Mode = RetryMode.Exponential;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
    }

    /// <summary>The <c>x-ms-version</c> header value.</summary>
    public string ServiceVersion { get; set; } = DefaultServiceVersion;

    /// <summary>The clock used for the <c>x-ms-date</c> header that requests are signed with.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
