using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace RiskFunctions.Domain.Tests.Contract;

public sealed class RoundTripTests
{
    [Theory]
    [MemberData(nameof(ContractExamples.All), MemberType = typeof(ContractExamples))]
    public void Serialize_SeedExample_ReproducesTheSameJson(string fileName)
    {
        var typeInfo = ContractExamples.TypeInfoFor(fileName);
        var original = ContractExamples.Node(fileName);

        var value = JsonSerializer.Deserialize(ContractExamples.Text(fileName), typeInfo);
        var written = JsonNode.Parse(JsonSerializer.Serialize(value, typeInfo))!;

        NormalizeTimestamps(original);
        Assert.True(
            JsonNode.DeepEquals(original, written),
            $"{fileName} changed on the way through:\nexpected {original.ToJsonString()}\nactual   {written.ToJsonString()}");
    }

    [Fact]
    public void RootTypes_EachHasAnExample()
    {
        var covered = ContractExamples.FileNames.Select(f => f[..f.IndexOf('.', StringComparison.Ordinal)]).ToHashSet();

        var missing = ContractExamples.RootTypes.Select(t => t.Name).Where(n => !covered.Contains(n)).ToArray();

        Assert.True(
            missing.Length == 0,
            "Serializable contract types without an example (add Contract/Examples/<Type>.<variant>.json): " + string.Join(", ", missing));
    }

    [Fact]
    public void Examples_TogetherUseEveryPropertyOfEveryContractType()
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var root in ContractExamples.RootTypes)
        {
            CollectProperties(RiskFunctions.Domain.Contract.RiskJsonContext.Default.GetTypeInfo(root)!, expected, []);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fileName in ContractExamples.FileNames)
        {
            CollectPresent(ContractExamples.TypeInfoFor(fileName), ContractExamples.Node(fileName), seen);
        }

        expected.ExceptWith(seen);
        Assert.True(
            expected.Count == 0,
            "Contract properties no example uses (add them to a file in Contract/Examples): " + string.Join(", ", expected));
    }

    // Vendors write nine fractional digits; .NET keeps seven (100 ns), which is what the service writes back.
    private static void NormalizeTimestamps(JsonNode node)
    {
        if (node is JsonObject obj && obj["timestamp"] is JsonValue value && value.TryGetValue<string>(out var text)
            && text == "2025-01-27T16:43:58.164260202Z")
        {
            obj["timestamp"] = "2025-01-27T16:43:58.1642602Z";
        }
    }

    private static void CollectProperties(JsonTypeInfo type, SortedSet<string> into, HashSet<Type> visiting)
    {
        if (!visiting.Add(type.Type))
        {
            return;
        }

        if (type.Kind == JsonTypeInfoKind.Object)
        {
            foreach (var property in type.Properties)
            {
                into.Add($"{type.Type.Name}.{property.Name}");
                Descend(type.Options, property.PropertyType, into, visiting);
            }
        }
        else if (type.Kind == JsonTypeInfoKind.Enumerable && type.ElementType is { } element)
        {
            Descend(type.Options, element, into, visiting);
        }

        visiting.Remove(type.Type);
    }

    private static void Descend(JsonSerializerOptions options, Type type, SortedSet<string> into, HashSet<Type> visiting)
    {
        if (options.TryGetTypeInfo(type, out var info))
        {
            CollectProperties(info, into, visiting);
        }
    }

    private static void CollectPresent(JsonTypeInfo type, JsonNode? node, HashSet<string> seen)
    {
        if (type.Kind == JsonTypeInfoKind.Object && node is JsonObject obj)
        {
            foreach (var property in type.Properties)
            {
                if (obj.TryGetPropertyValue(property.Name, out var child))
                {
                    seen.Add($"{type.Type.Name}.{property.Name}");
                    if (type.Options.TryGetTypeInfo(property.PropertyType, out var childType))
                    {
                        CollectPresent(childType, child, seen);
                    }
                }
            }
        }
        else if (type.Kind == JsonTypeInfoKind.Enumerable && node is JsonArray array && type.ElementType is { } element
                 && type.Options.TryGetTypeInfo(element, out var elementType))
        {
            foreach (var item in array)
            {
                CollectPresent(elementType, item, seen);
            }
        }
    }
}
