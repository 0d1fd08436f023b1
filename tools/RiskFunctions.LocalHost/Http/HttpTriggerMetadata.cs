using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace RiskFunctions.LocalHost.Http;

/// <summary>
/// The trigger metadata the HTTP trigger contributes to an invocation: route values (strings), <c>Query</c> and
/// <c>Headers</c> (JSON objects). With HTTP proxying the request itself travels over HTTP, so the trigger input is
/// an empty <see cref="RpcHttp"/>.
/// </summary>
internal static class HttpTriggerMetadata
{
    public static InvocationRequest CreateInvocation(string invocationId, HttpRouteMatch match, HttpRequest request)
    {
        var invocation = new InvocationRequest { InvocationId = invocationId, FunctionId = match.Function.FunctionId };
        invocation.InputData.Add(new ParameterBinding
        {
            Name = match.Function.Trigger.Name,
            Data = new TypedData { Http = new RpcHttp() },
        });

        foreach (var (name, value) in match.Values)
        {
            if (value is not null)
            {
                invocation.TriggerMetadata[name] = new TypedData { String = Convert.ToString(value, CultureInfo.InvariantCulture) };
            }
        }

        invocation.TriggerMetadata["Query"] = new TypedData
        {
            Json = JsonSerializer.Serialize(request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), MetadataJsonContext.Default.DictionaryStringString),
        };
        invocation.TriggerMetadata["Headers"] = new TypedData
        {
            Json = JsonSerializer.Serialize(request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()), MetadataJsonContext.Default.DictionaryStringString),
        };
        return invocation;
    }
}
