using System.Net;
using System.Text.Json;

namespace RiskFunctions.Handler.Tests.Errors;

internal static class ErrorAssert
{
    /// <summary>Asserts the status and the exact error body shape, and returns the messages.</summary>
    public static async Task<IReadOnlyList<string>> HasErrorBodyAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        using var body = JsonDocument.Parse(text);
        var root = body.RootElement;
        Assert.Equal(["message", "error_code"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal((int)status, root.GetProperty("error_code").GetInt32());
        var messages = root.GetProperty("message").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.NotEmpty(messages);
        return messages;
    }
}
