namespace RiskFunctions.LocalHost.Functions;

/// <summary>A function the worker indexed and loaded, with its trigger binding.</summary>
public sealed record LoadedFunction(string Name, string FunctionId, FunctionBinding Trigger, IReadOnlyList<FunctionBinding> Bindings)
{
    public bool IsHttp => string.Equals(Trigger.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase);

    public bool IsTimer => string.Equals(Trigger.Type, "timerTrigger", StringComparison.OrdinalIgnoreCase);

    public bool IsServiceBus => string.Equals(Trigger.Type, "serviceBusTrigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>How the host would describe the trigger in its startup listing.</summary>
    public string Describe(string routePrefix) => IsHttp
        ? $"[{string.Join(',', Trigger.GetStrings("methods").Select(m => m.ToUpperInvariant()).DefaultIfEmpty("ALL"))}] /{HttpRoute(routePrefix)}"
        : Trigger.Type + (Trigger.GetString("queueName") ?? Trigger.GetString("schedule")) switch
        {
            null => string.Empty,
            var detail => $" ({detail})",
        };

    /// <summary>The full route template under the prefix, as the worker maps it too.</summary>
    public string HttpRoute(string routePrefix)
    {
        var route = Trigger.GetString("route") ?? Name;
        return string.IsNullOrEmpty(routePrefix) ? route : $"{routePrefix.Trim('/')}/{route}";
    }
}
