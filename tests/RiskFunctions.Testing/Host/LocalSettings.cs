using System.Text.Json;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Testing.Host;

/// <summary>The repository's <c>local.settings.sample.json</c> values: what <c>func start</c> gives the app locally.</summary>
public static class LocalSettings
{
    public static IReadOnlyDictionary<string, string?> ReadSample()
    {
        var path = Path.Combine(RepositoryRoot.Find(), "local.settings.sample.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => (string?)p.Value.GetString(), StringComparer.Ordinal);
    }
}
