using Azure.Core;

namespace RiskFunctions.Storage.Tables;

/// <summary>Which statuses count as success per operation (anything else becomes a RequestFailedException).</summary>
internal static class TableClassifiers
{
    public static readonly ResponseClassifier Ok = new StatusCodeClassifier([200]);
    public static readonly ResponseClassifier OkOrNotFound = new StatusCodeClassifier([200, 404]);
    public static readonly ResponseClassifier CreatedOrNoContent = new StatusCodeClassifier([201, 204]);
    public static readonly ResponseClassifier CreatedOrConflict = new StatusCodeClassifier([201, 204, 409]);
    public static readonly ResponseClassifier NoContent = new StatusCodeClassifier([204]);
    public static readonly ResponseClassifier NoContentOrNotFound = new StatusCodeClassifier([204, 404]);
    public static readonly ResponseClassifier Accepted = new StatusCodeClassifier([202]);
}
