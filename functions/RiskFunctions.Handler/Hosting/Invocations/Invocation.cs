using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace RiskFunctions.Handler.Hosting.Invocations;

/// <summary>
/// One invocation of a non-HTTP function as the host delivered it: the function's trigger and input
/// values in <see cref="Data"/> (keyed by binding name) and the trigger metadata in <see cref="Metadata"/>,
/// both still in the host's encoding. Use the accessors to read them decoded.
/// </summary>
public sealed class Invocation
{
    public Invocation(
        FunctionDefinition function,
        string? invocationId,
        IReadOnlyDictionary<string, JsonElement> data,
        IReadOnlyDictionary<string, JsonElement> metadata)
    {
        Function = function;
        InvocationId = invocationId;
        Data = data;
        Metadata = metadata;
    }

    public FunctionDefinition Function { get; }

    /// <summary>The host's invocation id (<c>X-Azure-Functions-InvocationId</c>), for log correlation.</summary>
    public string? InvocationId { get; }

    public IReadOnlyDictionary<string, JsonElement> Data { get; }

    public IReadOnlyDictionary<string, JsonElement> Metadata { get; }

    /// <summary>The exact bytes of a binary input (<c>dataType: binary</c> arrives as base64).</summary>
    /// <exception cref="InvocationFormatException">The value is missing or not base64.</exception>
    public byte[] GetBinary(string bindingName)
    {
        if (!Data.TryGetValue(bindingName, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new InvocationFormatException($"Data.{bindingName}: a base64 string is required");
        }

        return value.TryGetBytesFromBase64(out var bytes)
            ? bytes
            : throw new InvocationFormatException($"Data.{bindingName}: is not valid base64");
    }

    /// <summary>A metadata value decoded from the host's encoding, or <see langword="false"/> when absent.</summary>
    public bool TryGetMetadata(string key, out JsonElement value)
    {
        if (Metadata.TryGetValue(key, out var encoded))
        {
            value = InvocationValue.Decode(encoded);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A metadata value as text (strings unwrapped), or <see langword="null"/> when absent.</summary>
    public string? GetMetadataString(string key) =>
        Metadata.TryGetValue(key, out var encoded) ? InvocationValue.DecodeString(encoded) : null;

    /// <summary>A numeric metadata value, or <see langword="null"/> when absent.</summary>
    /// <exception cref="InvocationFormatException">The value is present but not an integer.</exception>
    public long? GetMetadataInt64(string key)
    {
        if (!TryGetMetadata(key, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new InvocationFormatException($"Metadata.{key}: an integer is required");
    }

    /// <summary>A timestamp metadata value (the host sends dates without a zone; they are UTC).</summary>
    /// <exception cref="InvocationFormatException">The value is present but not a timestamp.</exception>
    public DateTimeOffset? GetMetadataTimestamp(string key)
    {
        var text = GetMetadataString(key);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp)
            ? timestamp
            : throw new InvocationFormatException($"Metadata.{key}: a timestamp is required");
    }

    /// <summary>A metadata object (such as <c>ApplicationProperties</c>), or <see langword="false"/> when absent.</summary>
    public bool TryGetMetadataObject(string key, [NotNullWhen(true)] out IReadOnlyDictionary<string, JsonElement>? properties)
    {
        properties = null;
        if (!TryGetMetadata(key, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        properties = value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        return true;
    }
}
