using System.Net;
using System.Text.Json;
using RiskFunctions.Testing.Http;

namespace RiskFunctions.Functions.Tests.Errors;

internal static class ErrorAssert
{
    /// <summary>Asserts the status and the exact error body shape (these two members, in this order), and returns the messages.</summary>
    public static async Task<IReadOnlyList<string>> HasErrorBodyAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var messages = await response.HasErrorBodyAsync(status);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["message", "error_code"], body.RootElement.EnumerateObject().Select(p => p.Name));
        return messages;
    }
}
