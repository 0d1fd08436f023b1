using System.Text.Json;

namespace RiskFunctions.Domain.Contract.Serialization;

/// <summary>
/// A value that is well-formed JSON but not what the contract allows. Its message is written for the client
/// (for example <c>must be one of PREVIEW, PRODUCTION</c>); the serializer adds the JSON path of the value.
/// </summary>
public sealed class WireFormatException : JsonException
{
    public WireFormatException()
    {
    }

    public WireFormatException(string message)
        : base(message)
    {
    }

    public WireFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
