using System.Globalization;
using System.Text.Json;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Import;

/// <summary>
/// Reads an NDJSON import body (one <see cref="ImportLine"/> per line) and checks what every line must
/// satisfy whatever it carries: a known type with exactly its payload, a reference where one is needed, an
/// original time that is neither before 2000 nor in the future, and lines in time order (profiles and
/// velocity are built in the order actions happened). The payloads themselves are checked by the same
/// validators as the ordinary endpoints, by the caller.
/// </summary>
public static class ImportBatchReader
{
    /// <summary>Most lines one request may carry; larger histories are sent in several requests.</summary>
    public const int MaxLines = 5_000;

    /// <summary>Longest accepted <c>ref</c> / <c>action_ref</c>.</summary>
    public const int MaxRefLength = 256;

    /// <summary>How far ahead of the server clock an original time may be (clock skew between systems).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Earliest accepted original time.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ImportBatch Read(ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        // A byte-order mark is skipped here as on every JSON endpoint, so a file saved by an editor that writes one imports as is.
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        var problems = new ValidationResult();
        var entries = new List<ImportEntry>();
        var lineNumber = 0;
        var nonBlank = 0;
        ImportEntry? previous = null;
        while (!body.IsEmpty)
        {
            lineNumber++;
            var end = body.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            if (++nonBlank > MaxLines)
            {
                problems.Add(FieldError.Body, string.Create(CultureInfo.InvariantCulture, $"must not have more than {MaxLines} lines; send larger histories in several requests"));
                return new ImportBatch([], problems);
            }

            var entry = ReadLine(line, lineNumber, now, problems);
            if (entry is null)
            {
                continue;
            }

            if (previous is not null && entry.OccurredAt < previous.OccurredAt)
            {
                problems.Add(FieldPath.Combine(entry.Path, "occurred_at"), string.Create(CultureInfo.InvariantCulture,
                    $"must not be earlier than line {previous.Line}'s: lines must be in the order they happened"));
            }

            entries.Add(entry);
            previous = entry;
        }

        if (nonBlank == 0)
        {
            problems.Add(FieldError.Body, "must contain at least one line (one JSON object per line)");
        }

        return new ImportBatch(entries, problems);
    }

    private static ImportEntry? ReadLine(ReadOnlySpan<byte> text, int lineNumber, DateTimeOffset now, ValidationResult problems)
    {
        var path = FieldPath.Index("lines", lineNumber);
        ImportLine? line;
        try
        {
            line = JsonSerializer.Deserialize(text, RiskJsonContext.Default.ImportLine);
        }
        catch (JsonException ex)
        {
            var error = JsonReadErrors.Describe(ex, RiskJsonContext.Default.ImportLine);
            problems.Add(error.Field == FieldError.Body ? path : FieldPath.Combine(path, error.Field), error.Message);
            return null;
        }

        if (line is null)
        {
            problems.Add(path, "must be a JSON object with type, occurred_at and the payload of that type");
            return null;
        }

        var before = problems.Errors.Count;
        var occurredAt = OccurredAt(line, path, now, problems);
        CheckShape(line, path, problems);
        return problems.Errors.Count == before && occurredAt is { } time ? new ImportEntry(lineNumber, line, time) : null;
    }

    private static DateTimeOffset? OccurredAt(ImportLine line, string path, DateTimeOffset now, ValidationResult problems)
    {
        var field = FieldPath.Combine(path, "occurred_at");
        if (line.OccurredAt is not { } milliseconds)
        {
            problems.Add(field, "is required (Unix epoch milliseconds of when it originally happened)");
            return null;
        }

        if (milliseconds < Earliest.ToUnixTimeMilliseconds() || milliseconds > (now + FutureTolerance).ToUnixTimeMilliseconds())
        {
            problems.Add(field, "must be Unix epoch milliseconds between 2000-01-01 and now");
            return null;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    private static void CheckShape(ImportLine line, string path, ValidationResult problems)
    {
        if (line.Type is not { } type)
        {
            problems.Add(FieldPath.Combine(path, "type"), "is required: " + WireEnum<ImportLineType>.ExpectedMessage);
            return;
        }

        var typeName = WireEnum<ImportLineType>.GetName(type);
        Payload(problems, path, "action", line.Action is not null, type == ImportLineType.Action, typeName);
        Payload(problems, path, "result", line.Result is not null, type == ImportLineType.Result, typeName);
        Payload(problems, path, "label", line.Label is not null, type == ImportLineType.Label, typeName);

        if (type is ImportLineType.Action or ImportLineType.Result)
        {
            Reference(problems, FieldPath.Combine(path, "ref"), line.Ref, required: true);
            if (line.ActionRef is not null)
            {
                problems.Add(FieldPath.Combine(path, "action_ref"), "is only allowed on label lines");
            }
        }

        if (type == ImportLineType.Result && line.Result?.ActionToken is not null)
        {
            problems.Add(FieldPath.Combine(path, "result.action_token"), "is not used on import: ref names the imported action");
        }

        if (type == ImportLineType.Label)
        {
            Reference(problems, FieldPath.Combine(path, "ref"), line.Ref, required: false);
            CheckLabelSubject(line, path, problems);
        }
    }

    private static void CheckLabelSubject(ImportLine line, string path, ValidationResult problems)
    {
        var isActionSubject = line.Label?.Subject?.Type == Contract.Labels.LabelSubjectType.ActionId;
        if (line.ActionRef is null)
        {
            return;
        }

        if (!isActionSubject)
        {
            problems.Add(FieldPath.Combine(path, "action_ref"), "is only allowed when label.subject.type is ACTION_ID");
        }
        else if (line.Label?.Subject?.Value is not null)
        {
            problems.Add(FieldPath.Combine(path, "action_ref"), "must not be combined with label.subject.value: give one or the other");
        }

        Reference(problems, FieldPath.Combine(path, "action_ref"), line.ActionRef, required: true);
    }

    private static void Payload(ValidationResult problems, string path, string name, bool present, bool expected, string typeName)
    {
        if (present && !expected)
        {
            problems.Add(FieldPath.Combine(path, name), $"is not allowed on a {typeName} line");
        }
        else if (!present && expected)
        {
            problems.Add(FieldPath.Combine(path, name), $"is required on a {typeName} line");
        }
    }

    private static void Reference(ValidationResult problems, string field, string? value, bool required)
    {
        if (value is null)
        {
            _ = !required || problems.Add(field, "is required: the caller's id of the action");
            return;
        }

        if (value.Length is 0 or > MaxRefLength || value.Any(char.IsControl))
        {
            problems.Add(field, string.Create(CultureInfo.InvariantCulture, $"must be 1 to {MaxRefLength} characters without control characters"));
        }
    }
}
