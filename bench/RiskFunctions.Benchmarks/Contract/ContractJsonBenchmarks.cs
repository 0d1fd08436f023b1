using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Contract.Rules;

namespace RiskFunctions.Benchmarks.Contract;

/// <summary>
/// Cost of reading and writing the largest contract documents through <see cref="RiskJsonContext"/>, beside two
/// baselines measured in the same run: parsing the same bytes into a <see cref="JsonDocument"/> (the floor for
/// any typed read) and the reflection serializer with the built-in string enum converter (what the exact-spelling
/// converter and source generation replace).
/// </summary>
[MemoryDiagnoser]
public class ContractJsonBenchmarks
{
    private const string RuleJson =
        """{"name":"Block risky countries","priority":10,"matcher":{"country_codes":["KP","IR"]},"recommendation":"DENY","enabled":true,"mode":"PRODUCTION"}""";

    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerOptions.Default)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        Converters = { new JsonStringEnumConverter() },
    };

    private byte[] _recommendationJson = [];
    private byte[] _ruleJson = [];
    private RecommendationFull _recommendation = null!;
    private readonly MemoryStream _sink = new();

    [GlobalSetup]
    public void Setup()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("RecommendationFull.seed.json")!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        _recommendationJson = buffer.ToArray();
        _ruleJson = System.Text.Encoding.UTF8.GetBytes(RuleJson);
        _recommendation = JsonSerializer.Deserialize(_recommendationJson, RiskJsonContext.Default.RecommendationFull)!;
    }

    [Benchmark(Baseline = true)]
    public int ParseRecommendation_JsonDocument()
    {
        using var document = JsonDocument.Parse(_recommendationJson);
        return document.RootElement.GetPropertyCount();
    }

    [Benchmark]
    public RecommendationFull ReadRecommendation_SourceGenerated() =>
        JsonSerializer.Deserialize(_recommendationJson, RiskJsonContext.Default.RecommendationFull)!;

    [Benchmark]
    public long WriteRecommendation_SourceGenerated()
    {
        _sink.SetLength(0);
        JsonSerializer.Serialize(_sink, _recommendation, RiskJsonContext.Default.RecommendationFull);
        return _sink.Length;
    }

    [Benchmark]
    public long WriteRecommendation_ReflectionBuiltInEnums()
    {
        _sink.SetLength(0);
        JsonSerializer.Serialize(_sink, _recommendation, Reflection);
        return _sink.Length;
    }

    [Benchmark]
    public Rule ReadRule_SourceGenerated() => JsonSerializer.Deserialize(_ruleJson, RiskJsonContext.Default.Rule)!;

    [Benchmark]
    public Rule ReadRule_ReflectionBuiltInEnums() => JsonSerializer.Deserialize<Rule>(_ruleJson, Reflection)!;
}
