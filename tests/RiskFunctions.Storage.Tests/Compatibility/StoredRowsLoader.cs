using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace RiskFunctions.Storage.Tests.Compatibility;

/// <summary>
/// Inserts rows exactly as stored JSON bodies: an insert through the SDK whose body is swapped for the stored one
/// before it is sent, so the service stores what the first client sent, byte for byte (Shared Key signing does
/// not cover the body).
/// </summary>
internal sealed class StoredRowsLoader : HttpPipelinePolicy
{
    private const string PayloadProperty = "compat.payload";

    public static TableClientOptions Options()
    {
        var options = new TableClientOptions();
        options.AddPolicy(new StoredRowsLoader(), HttpPipelinePosition.PerCall);
        return options;
    }

    public static async Task InsertAsync(TableClient table, JsonObject row)
    {
        var payload = BinaryData.FromString(row.ToJsonString());
        var properties = new Dictionary<string, object?> { [PayloadProperty] = payload };
        using (HttpPipeline.CreateHttpMessagePropertiesScope(properties))
        {
            await table.AddEntityAsync(new TableEntity((string)row["PartitionKey"]!, (string)row["RowKey"]!));
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Swap(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Swap(message);
        return ProcessNextAsync(message, pipeline);
    }

    private static void Swap(HttpMessage message)
    {
        if (message.TryGetProperty(PayloadProperty, out var payload) && payload is BinaryData body)
        {
            message.Request.Content = RequestContent.Create(body);
        }
    }
}
