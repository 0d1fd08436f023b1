using System.Globalization;
using System.Text;
using RiskFunctions.Domain.Contract.Errors;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Functions.Errors;

namespace RiskFunctions.Functions.Features.Import;

/// <summary>The error body of an import that stopped at a line: the line and its problem, and which lines were applied.</summary>
internal static class ImportFailure
{
    public static ApiError Error(ImportLineFailedException failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        return ApiError.Create(failed.StatusCode, [Message(failed)]);
    }

    public static ErrorResponse Body(ImportLineFailedException failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        return new ErrorResponse { Message = [Message(failed)], ErrorCode = failed.StatusCode };
    }

    private static string Message(ImportLineFailedException failed) => ApiError.Describe(
        FieldPath.Combine(failed.Entry.Path, failed.Field),
        failed.Problem + "; " + Applied(failed.Applied.Select(result => result.Line)) + ", and posting the batch again is safe");

    /// <summary><c>lines 1-6, 8 and 10 were imported</c>, or <c>no line was imported</c>.</summary>
    internal static string Applied(IEnumerable<int> lines)
    {
        var ranges = new List<(int First, int Last)>();
        foreach (var line in lines.Order())
        {
            if (ranges.Count > 0 && ranges[^1].Last + 1 >= line)
            {
                ranges[^1] = (ranges[^1].First, line);
            }
            else
            {
                ranges.Add((line, line));
            }
        }

        if (ranges.Count == 0)
        {
            return "no line was imported";
        }

        var text = new StringBuilder(ranges.Count == 1 && ranges[0].First == ranges[0].Last ? "line " : "lines ");
        for (var i = 0; i < ranges.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : i == ranges.Count - 1 ? " and " : ", ");
            var (first, last) = ranges[i];
            text.Append(first == last
                ? first.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{first}-{last}"));
        }

        return text.Append(ranges.Count == 1 && ranges[0].First == ranges[0].Last ? " was imported" : " were imported").ToString();
    }
}
