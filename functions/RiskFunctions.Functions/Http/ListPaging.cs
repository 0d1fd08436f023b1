using System.Globalization;
using RiskFunctions.Functions.Errors;

namespace RiskFunctions.Functions.Http;

/// <summary>
/// The one paging scheme of the service's listings: <c>limit</c> (how many items) and <c>cursor</c> (the
/// <c>next_cursor</c> a previous page answered, absent on the last page). A cursor is a position in the listing's own
/// order within the caller's tenant, so it means nothing to another tenant. Other query parameters are ignored, as
/// everywhere else in the service.
/// </summary>
public static class ListPaging
{
    public const string LimitParameter = "limit";
    public const string CursorParameter = "cursor";

    /// <summary>The limit every listing accepts at most.</summary>
    public const int MaxLimit = 100;

    /// <summary>
    /// The page size and cursor of the query, or a 400 naming each of the two that is malformed. Without a
    /// <c>limit</c> the page size is <paramref name="defaultLimit"/>; <see langword="null"/> there means "all of it".
    /// </summary>
    public static (int? Limit, string? Cursor, ApiError? Error) Read(HttpRequest request, int? defaultLimit, Func<string, bool> isCursor)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(isCursor);
        var problems = new List<string>(2);
        var limit = defaultLimit;
        if (request.Query.TryGetValue(LimitParameter, out var limitValues))
        {
            if (limitValues.Count == 1 && int.TryParse(limitValues[0], NumberStyles.None, CultureInfo.InvariantCulture, out var given) && given is >= 1 and <= MaxLimit)
            {
                limit = given;
            }
            else
            {
                problems.Add(ApiError.Describe(LimitParameter, $"must be an integer from 1 to {MaxLimit}"));
            }
        }

        string? cursor = null;
        if (request.Query.TryGetValue(CursorParameter, out var cursorValues))
        {
            if (cursorValues is [{ } value] && isCursor(value))
            {
                cursor = value;
            }
            else
            {
                problems.Add(ApiError.Describe(CursorParameter, "must be the next_cursor of a previous page"));
            }
        }

        return (limit, cursor, problems.Count == 0 ? null : ApiError.BadRequest(problems));
    }
}
