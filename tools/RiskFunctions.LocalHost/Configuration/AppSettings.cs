using System.Text.Json;
using System.Text.RegularExpressions;

namespace RiskFunctions.LocalHost.Configuration;

/// <summary>
/// The app settings the worker runs with: a local.settings.json-style file's <c>Values</c>, overridden by explicit
/// values (environment or test options). Binding expressions such as <c>%SampleQueue%</c> resolve against them.
/// </summary>
public sealed partial class AppSettings
{
    private readonly Dictionary<string, string> _values;

    public AppSettings(IEnumerable<KeyValuePair<string, string>> values)
    {
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            _values[key] = value;
        }
    }

    /// <summary>Every setting, as the worker sees it in its environment.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    public string? this[string name] =>
        _values.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name);

    /// <summary>Reads the <c>Values</c> of a local.settings.json-style file, then applies <paramref name="overrides"/>.</summary>
    public static AppSettings Load(string? path, IEnumerable<KeyValuePair<string, string>>? overrides = null)
    {
        var values = new List<KeyValuePair<string, string>>();
        if (path is not null)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            });
            if (document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
            {
                values.AddRange(section.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, ValueText(p.Value))));
            }
        }

        values.AddRange(overrides ?? []);
        return new AppSettings(values);
    }

    /// <summary>
    /// Replaces each <c>%Name%</c> with the setting of that name (then the process environment), as the host does
    /// for binding attributes. An unknown name is an error: the real host refuses to index such a function.
    /// </summary>
    public string Resolve(string expression) =>
        SettingReference().Replace(expression, match =>
            this[match.Groups[1].Value]
            ?? throw new InvalidOperationException($"The setting '{match.Groups[1].Value}' referenced by '{expression}' is not defined."));

    private static string ValueText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
