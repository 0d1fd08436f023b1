using System.Net;
using Microsoft.Extensions.Logging;

namespace RiskFunctions.LocalHost;

/// <summary>What to run and where to listen.</summary>
public sealed class LocalFunctionsHostOptions
{
    /// <summary>The worker's build output: worker.config.json, functions.metadata, host.json and the app.</summary>
    public required string AppDirectory { get; init; }

    /// <summary>A local.settings.json-style file whose <c>Values</c> become app settings; optional.</summary>
    public string? SettingsFile { get; init; }

    /// <summary>Settings applied over the file's values (the command line passes the environment's here).</summary>
    public IDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Address for HTTP functions and the admin endpoints; loopback by default.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Port for HTTP functions; 0 picks a free one (see <see cref="LocalFunctionsHost.BaseAddress"/>).</summary>
    public int Port { get; init; } = 7071;

    /// <summary>How long the worker may take from process start to loaded functions.</summary>
    public TimeSpan WorkerStartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the worker may take to exit after it was asked to, before it is killed.</summary>
    public TimeSpan WorkerStopGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest request body accepted, as the Functions host's 100 MB default; null for no limit.</summary>
    public long? MaxRequestBodyBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Longest request line (method, target, version) accepted, else 414 without a body: the Functions host's (Kestrel's default).</summary>
    public int MaxRequestLineBytes { get; init; } = 8 * 1024;

    /// <summary>Largest total of request headers accepted, else 431 without a body: the Functions host's (Kestrel's default).</summary>
    public int MaxRequestHeadersTotalBytes { get; init; } = 32 * 1024;

    /// <summary>Most request headers accepted, else 431 without a body: the Functions host's (Kestrel's default).</summary>
    public int MaxRequestHeaderCount { get; init; } = 100;

    /// <summary>Deliveries of a Service Bus message before it is dead-lettered; overrides host.json and settings.</summary>
    public int? MaxDeliveryCount { get; init; }

    /// <summary>Window in which a second message with the same MessageId is dropped (queue duplicate detection).</summary>
    public TimeSpan DuplicateDetectionWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A file that journals the local queues, so a restarted host resumes with every message it accepted and did
    /// not settle (and its dead letters); null keeps them in memory only.
    /// </summary>
    public string? QueueStorePath { get; init; }

    /// <summary>Whether timer functions run on their schedules (the admin endpoint still triggers them when off).</summary>
    public bool RunTimers { get; init; } = true;

    /// <summary>Adds logging providers; the default writes to the console.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>The clock for timers, queue timestamps and duplicate detection.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
