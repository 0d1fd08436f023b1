using System.Net;
using System.Text.Json;
using Xunit;

namespace RiskFunctions.Testing.Http;

/// <summary>Asserts the API's error body: <c>{"message": [...], "error_code": status}</c> as application/json.</summary>
public static class ErrorBodyAssert
{
    public static async Task<IReadOnlyList<string>> HasErrorBodyAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(text);
        Assert.Equal((int)expected, body.RootElement.GetProperty("error_code").GetInt32());
        var messages = body.RootElement.GetProperty("message").EnumerateArray().Select(item => item.GetString()!).ToArray();
        Assert.NotEmpty(messages);
        return messages;
    }
}
