using System.Text.Json;
using RiskFunctions.Testing.FunctionApp;

namespace RiskFunctions.Functions.Tests;

/// <summary>The HTTP functions of the worker's generated <c>functions.metadata</c>: name, route and methods.</summary>
internal static class FunctionMetadataFile
{
    public static IReadOnlyList<HttpFunction> Http { get; } = Read();

    private static List<HttpFunction> Read()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(FunctionAppDirectory.MetadataFile));
        var functions = new List<HttpFunction>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                if (binding.GetProperty("type").GetString() == "httpTrigger")
                {
                    functions.Add(new HttpFunction(
                        function.GetProperty("name").GetString()!,
                        binding.GetProperty("route").GetString()!,
                        [.. binding.GetProperty("methods").EnumerateArray().Select(method => method.GetString()!.ToUpperInvariant())]));
                }
            }
        }

        return functions;
    }
}

/// <summary>An HTTP function's name, route (without the empty prefix) and methods.</summary>
internal sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods);
