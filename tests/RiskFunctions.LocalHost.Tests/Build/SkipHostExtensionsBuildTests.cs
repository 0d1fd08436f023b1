using System.Text.Json;
using RiskFunctions.LocalHost.Tests.Fixtures;

namespace RiskFunctions.LocalHost.Tests.Build;

/// <summary>
/// The sample app is built with FunctionsSkipHostExtensions=true: metadata and worker configuration are still
/// generated and copied, the host-side extensions are not.
/// </summary>
public sealed class SkipHostExtensionsBuildTests
{
    [Fact]
    public void FunctionsMetadata_BuiltWithSkipProperty_ListsEveryFunctionWithItsTrigger()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(SampleApp.Directory, "functions.metadata")));

        var triggers = metadata.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => f.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)));

        Assert.Equal(
            ["Digest", "Download", "Echo", "Fail", "GetItem", "Invocations", "Limited", "Ping", "ProcessSampleMessage", "QueueConcurrency", "RequestHeaders", "SampleTimer", "Things"],
            triggers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("serviceBusTrigger", triggers["ProcessSampleMessage"].GetProperty("type").GetString());
        Assert.Equal("%SampleQueue%", triggers["ProcessSampleMessage"].GetProperty("queueName").GetString());
        Assert.Equal("Binary", triggers["ProcessSampleMessage"].GetProperty("dataType").GetString());
        Assert.Equal("One", triggers["ProcessSampleMessage"].GetProperty("cardinality").GetString());
        Assert.Equal("timerTrigger", triggers["SampleTimer"].GetProperty("type").GetString());
        Assert.Equal("items/{id:int}/{name?}", triggers["GetItem"].GetProperty("route").GetString());
    }

    [Fact]
    public void Output_BuiltWithSkipProperty_HasWorkerConfigButNoHostExtensions()
    {
        Assert.True(File.Exists(Path.Combine(SampleApp.Directory, "worker.config.json")));
        Assert.False(File.Exists(Path.Combine(SampleApp.Directory, "extensions.json")));
        Assert.False(Directory.Exists(Path.Combine(SampleApp.Directory, ".azurefunctions")));
    }
}
