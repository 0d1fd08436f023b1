using Azure;

namespace RiskFunctions.Storage.Tables;

/// <summary>The answer of a <c>…IfExists</c> read when the entity is absent.</summary>
internal sealed class TableNoValueResponse<T>(Response response) : NullableResponse<T>
{
    public override bool HasValue => false;

    public override T Value => throw new InvalidOperationException(
        $"The entity does not exist (status {response.Status}); check {nameof(HasValue)} first.");

    public override Response GetRawResponse() => response;
}
