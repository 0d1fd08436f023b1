using Azure;

namespace RiskFunctions.Storage.Models;

/// <summary>A tenant's current model document as stored, with the ETag that tells a reader whether it changed.</summary>
/// <param name="Content">The document (JSON), or <c>null</c> when unchanged since the ETag the reader passed.</param>
/// <param name="ETag">The current document's ETag.</param>
public sealed record StoredModel(BinaryData? Content, ETag ETag)
{
    /// <summary>Whether the model is the one the reader already has.</summary>
    public bool Unchanged => Content is null;
}
