using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace RiskFunctions.Functions.Tests.Outage;

/// <summary>One kind of write the outage load drives, and how to read back what it acknowledged.</summary>
internal abstract class OutageWrite
{
    public abstract string Kind { get; }

    /// <summary>How many writes one tenant takes.</summary>
    public virtual int MaxWrites => int.MaxValue;

    /// <summary>The request for the <paramref name="sequence"/>-th write of one driver (its own tenant).</summary>
    public abstract HttpRequestMessage Request(int sequence);

    /// <summary>The id of what a 2xx answer created.</summary>
    public abstract string CreatedId(JsonElement body);

    /// <summary>A read that answers 200 only if the write with <paramref name="id"/> is stored.</summary>
    public abstract Uri ReadBack(string id);

    public static IReadOnlyList<OutageWrite> All { get; } = [new TriggerAction(), new AddLabel(), new CreateRule()];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private sealed class TriggerAction : OutageWrite
    {
        public override string Kind => "trigger-action";

        public override HttpRequestMessage Request(int sequence) => new(HttpMethod.Post, new Uri("risk/v1/action/trigger-action", UriKind.Relative))
        {
            Content = Json(string.Create(CultureInfo.InvariantCulture, $$$"""
                {"action_type":"login","user_id":"user-{{{sequence}}}","correlation_id":"c-{{{sequence}}}",
                 "context":{"ip":"192.0.2.{{{sequence % 250}}}","device_id":"device-{{{sequence}}}","user_agent":"Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0 Safari/537.36"}}
                """)),
        };

        public override string CreatedId(JsonElement body) => body.GetProperty("action_token").GetString()!;

        public override Uri ReadBack(string id) => new($"risk/v1/recommendation?action_token={id}", UriKind.Relative);
    }

    private sealed class AddLabel : OutageWrite
    {
        public override string Kind => "label";

        public override HttpRequestMessage Request(int sequence) => new(HttpMethod.Post, new Uri("risk/v1/label", UriKind.Relative))
        {
            Content = Json(string.Create(CultureInfo.InvariantCulture, $$$"""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"user-{{{sequence}}}"}}""")),
        };

        public override string CreatedId(JsonElement body) => body.GetProperty("label_id").GetString()!;

        public override Uri ReadBack(string id) => new($"risk/v1/label/{id}", UriKind.Relative);
    }

    private sealed class CreateRule : OutageWrite
    {
        public override string Kind => "rule";

        public override int MaxWrites => Domain.Rules.Model.RuleLimits.MaxRulesPerTenant;

        // Names and priorities are unique per tenant; one per sequence number never collides, even with a write that
        // answered 503 but landed.
        public override HttpRequestMessage Request(int sequence) => new(HttpMethod.Post, new Uri("risk/v1/recommendation/rules", UriKind.Relative))
        {
            Content = Json(string.Create(CultureInfo.InvariantCulture, $$$"""
                {"name":"rule-{{{sequence}}}","priority":{{{sequence + 1}}},"matcher":{"ip_cidrs":["10.0.0.0/8"]},"recommendation":"DENY","enabled":true,"mode":"PRODUCTION"}
                """)),
        };

        public override string CreatedId(JsonElement body) => body.GetProperty("rule_id").GetString()!;

        public override Uri ReadBack(string id) => new($"risk/v1/recommendation/rules/{id}", UriKind.Relative);
    }

    /// <summary>What one write got.</summary>
    public sealed record Outcome(string Kind, string Phase, HttpStatusCode? Status, TimeSpan Elapsed, bool HasRetryAfter, string? MediaType, string Body, string? Failure)
    {
        public bool IsSuccess => Status is { } status && (int)status is >= 200 and < 300;

        public override string ToString() =>
            $"{Kind} in {Phase}: {(Status is { } status ? ((int)status).ToString(CultureInfo.InvariantCulture) : Failure)} after {Elapsed.TotalMilliseconds:F0} ms {Body[..Math.Min(Body.Length, 200)]}";
    }
}
