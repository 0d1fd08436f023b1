using System.Security.Cryptography;
using System.Text.Json;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Functions.Features.Labels;

namespace RiskFunctions.Functions.Features.Import;

/// <summary>
/// The ids imported lines get, derived from the tenant and the caller's references, so importing the same line
/// again finds what the first import created instead of creating it twice.
/// </summary>
internal static class ImportKeys
{
    /// <summary>The namespace of import-derived ids, apart from the ordinary endpoints' idempotency keys.</summary>
    public const string Operation = "import";

    /// <summary>The token of the action imported under <paramref name="reference"/>.</summary>
    public static string ActionToken(string tenantId, string reference) =>
        Domain.Actions.ActionToken.ForIdempotencyKey(tenantId, Operation, reference);

    /// <summary>
    /// The id of an imported label: from its <c>ref</c> when it has one, otherwise from the line's content, so
    /// re-posting the same file never stores a label twice.
    /// </summary>
    public static string LabelId(string tenantId, ImportLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var key = line.Ref is { } reference
            ? "ref\n" + reference
            : "line\n" + Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(line, RiskJsonContext.Default.ImportLine)));
        return LabelIds.ForIdempotencyKey(tenantId, Operation, key);
    }
}
