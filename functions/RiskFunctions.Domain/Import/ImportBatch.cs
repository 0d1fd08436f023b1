using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Import;

/// <summary>
/// A read import body: the lines that can be applied, and every problem found. A batch with any problem
/// is refused as a whole (nothing is applied), so a client fixes the file and sends it again.
/// </summary>
public sealed record ImportBatch(IReadOnlyList<ImportEntry> Entries, ValidationResult Problems);
