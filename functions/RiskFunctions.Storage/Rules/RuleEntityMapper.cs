using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Data.Tables;
using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Domain.Rules.Values;

namespace RiskFunctions.Storage.Rules;

/// <summary>Between a rule and its table entity.</summary>
/// <remarks>
/// Matcher values are stored as one JSON array. A string property holds at most 32 K characters and the
/// largest matcher (1,000 values of 256 characters) needs about 260 K, so the text is split over
/// <c>MatcherValues</c>, <c>MatcherValues1</c>, ... Non-ASCII text is written unescaped (an escaped character
/// would take six times the room) and chunks never end between the halves of a surrogate pair.
/// </remarks>
internal static class RuleEntityMapper
{
    public const string NameProperty = "Name";
    public const string PriorityProperty = "Priority";
    public const string MatcherKindProperty = "MatcherKind";
    public const string MatcherValuesProperty = "MatcherValues";
    public const string RecommendationProperty = "Recommendation";
    public const string EnabledProperty = "Enabled";
    public const string ModeProperty = "Mode";
    public const string RevisionProperty = "Revision";
    public const string CreatedAtProperty = "CreatedAt";
    public const string UpdatedAtProperty = "UpdatedAt";
    public const string RuleIdProperty = "RuleId";

    private const int ChunkLength = 30_000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TableEntity ToEntity(string partitionKey, RecommendationRule rule, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        var entity = new TableEntity(partitionKey, RuleTableKeys.Rule(rule.Id))
        {
            [NameProperty] = rule.Name,
            [PriorityProperty] = rule.Priority,
            [MatcherKindProperty] = MatcherKinds.WireName(rule.Matcher.Kind),
            [RecommendationProperty] = WireEnum<RuleRecommendationType>.GetName(rule.Recommendation),
            [EnabledProperty] = rule.Enabled,
            [ModeProperty] = WireEnum<RuleMode>.GetName(rule.Mode),
            [RevisionProperty] = rule.Revision,
            [CreatedAtProperty] = createdAt,
            [UpdatedAtProperty] = updatedAt,
        };

        var json = SerializeValues(rule.Matcher.Values);
        for (int start = 0, chunk = 0; start < json.Length; chunk++)
        {
            var length = Math.Min(ChunkLength, json.Length - start);
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--;
            }

            entity[ValuesProperty(chunk)] = json.Substring(start, length);
            start += length;
        }

        return entity;
    }

    /// <summary>Reads a rule entity; a stored rule that no longer validates is data corruption and throws.</summary>
    public static StoredRule FromEntity(TableEntity entity)
    {
        var id = entity.RowKey[RuleTableKeys.RulePrefix.Length..];
        if (!MatcherKinds.TryParse(entity.GetString(MatcherKindProperty), out var kind)
            || !WireEnum<RuleRecommendationType>.TryParse(entity.GetString(RecommendationProperty), out var recommendation)
            || !WireEnum<RuleMode>.TryParse(entity.GetString(ModeProperty), out var mode)
            || !MatcherValues.TryCreateMatcher(kind, DeserializeValues(entity), out var matcher, out _))
        {
            throw new InvalidDataException($"Stored rule {id} of partition {entity.PartitionKey} is not a valid rule.");
        }

        var rule = new RecommendationRule
        {
            Id = id,
            Name = entity.GetString(NameProperty) ?? throw Missing(entity, NameProperty),
            Priority = entity.GetInt32(PriorityProperty) ?? throw Missing(entity, PriorityProperty),
            Matcher = matcher!,
            Recommendation = recommendation,
            Enabled = entity.GetBoolean(EnabledProperty) ?? throw Missing(entity, EnabledProperty),
            Mode = mode,
            Revision = entity.GetInt64(RevisionProperty) ?? 0,
        };
        return new StoredRule(
            rule,
            entity.GetDateTimeOffset(CreatedAtProperty) ?? throw Missing(entity, CreatedAtProperty),
            entity.GetDateTimeOffset(UpdatedAtProperty) ?? throw Missing(entity, UpdatedAtProperty),
            entity.ETag);
    }

    /// <summary>A reservation row (name or priority) pointing at its rule.</summary>
    public static TableEntity Reservation(string partitionKey, string rowKey, string ruleId) =>
        new(partitionKey, rowKey) { [RuleIdProperty] = ruleId };

    private static string ValuesProperty(int chunk) =>
        chunk == 0 ? MatcherValuesProperty : MatcherValuesProperty + chunk.ToString(CultureInfo.InvariantCulture);

    private static string SerializeValues(IReadOnlyList<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static List<string?> DeserializeValues(TableEntity entity)
    {
        var json = new System.Text.StringBuilder();
        for (var chunk = 0; entity.GetString(ValuesProperty(chunk)) is { } part; chunk++)
        {
            json.Append(part);
        }

        using var document = JsonDocument.Parse(json.ToString());
        return [.. document.RootElement.EnumerateArray().Select(item => item.GetString())];
    }

    private static InvalidDataException Missing(TableEntity entity, string property) =>
        new($"Stored rule {entity.RowKey} of partition {entity.PartitionKey} has no {property}.");
}
