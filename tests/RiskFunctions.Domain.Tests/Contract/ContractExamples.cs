using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RiskFunctions.Domain.Contract;

namespace RiskFunctions.Domain.Tests.Contract;

/// <summary>
/// The example documents under Examples/, built from the seeds' examples. A file is named
/// <c>&lt;ContractType&gt;.&lt;variant&gt;.json</c> and holds one document of that type.
/// </summary>
internal static class ContractExamples
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Contract", "Examples");

    /// <summary>Every type the serialization context was declared for.</summary>
    public static IReadOnlyList<Type> RootTypes { get; } = typeof(RiskJsonContext).CustomAttributes
        .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
        .Select(a => (Type)a.ConstructorArguments[0].Value!)
        .ToArray();

    public static IEnumerable<string> FileNames =>
        Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static TheoryData<string> All => new(FileNames);

    public static string Text(string fileName) => File.ReadAllText(Path.Combine(Folder, fileName));

    public static JsonNode Node(string fileName) => JsonNode.Parse(Text(fileName))!;

    public static JsonTypeInfo TypeInfoFor(string fileName)
    {
        var typeName = fileName[..fileName.IndexOf('.', StringComparison.Ordinal)];
        var type = RootTypes.SingleOrDefault(t => t.Name == typeName)
            ?? throw new InvalidOperationException($"{fileName} names no type of {nameof(RiskJsonContext)}.");
        return RiskJsonContext.Default.GetTypeInfo(type)!;
    }

    public static Assembly DomainAssembly => typeof(RiskJsonContext).Assembly;
}
