using RiskFunctions.Domain.Validation;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Rules.Requests;
using RiskFunctions.Domain.Rules.Wire;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Features.Rules.Evaluation;
using RiskFunctions.Functions.Http;
using RiskFunctions.Functions.Json;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.Rules;

namespace RiskFunctions.Functions.Features.Rules;

/// <summary>
/// <c>/risk/v1/recommendation/rules</c>: the contract's five rule operations, plus each rule's hit counts.
/// Every rule belongs to the caller's tenant; another tenant's rule id answers 404 like an unknown one.
/// A rule's answers carry its <c>ETag</c>, and <c>If-Match</c> makes an update or delete conditional on it
/// (<see cref="RuleETags"/>): a rule that changed meanwhile answers 412 and stays as it is.
/// </summary>
public static partial class RulesApi
{
    public const string RuleIdField = "rule_id";

    internal static async Task<Results<JsonHttpResult<CreateRuleResponse>, ApiError>> CreateAsync(
        HttpContext context, RuleRepository repository, RuleSetCache cache)
    {
        var (draft, invalid) = await ReadDraftAsync(context.Request, ruleId: null, new ValidationResult());
        if (invalid is not null)
        {
            return invalid;
        }

        var tenantId = context.User.GetTenantId();
        var result = await repository.CreateAsync(tenantId, draft!, context.RequestAborted);
        if (result.Status != RuleWriteStatus.Succeeded)
        {
            return Failure(result, draft!);
        }

        cache.Invalidate(tenantId);
        context.Response.Headers.ETag = RuleETags.Format(result.Revision);
        return TypedResults.Json(
            new CreateRuleResponse { Message = "Rule created", RuleId = result.RuleId! },
            RiskJsonContext.Default.CreateRuleResponse,
            statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// All of the tenant's rules, as the contract has it, unless the request pages with <c>limit</c> or <c>cursor</c>
    /// (<see cref="ListPaging"/>): then one page, <see cref="ListPaging.MaxLimit"/> rules when no <c>limit</c> is given.
    /// </summary>
    internal static async Task<Results<JsonHttpResult<GetAllRulesResponse>, ApiError>> ListAsync(HttpContext context, RuleRepository repository)
    {
        var (limit, cursor, pagingError) = ListPaging.Read(context.Request, defaultLimit: null, RuleRepository.IsPageCursor);
        if (pagingError is not null)
        {
            return pagingError;
        }

        var tenantId = context.User.GetTenantId();
        var (rules, next) = limit is null && cursor is null
            ? (await repository.ListAsync(tenantId, context.RequestAborted), null)
            : await repository.ListPageAsync(tenantId, limit ?? ListPaging.MaxLimit, cursor, context.RequestAborted);
        return TypedResults.Json(
            new GetAllRulesResponse { Data = [.. rules.Select(stored => RuleWire.ToListItem(stored.Rule))], NextCursor = next },
            RiskJsonContext.Default.GetAllRulesResponse);
    }

    internal static async Task<Results<JsonHttpResult<GetRuleResponse>, ApiError>> GetAsync(
        HttpContext context, [FromRoute(Name = RuleIdField)] string ruleId, RuleRepository repository)
    {
        if (InvalidRuleId(ruleId) is { } invalid)
        {
            return invalid;
        }

        var stored = await repository.GetAsync(context.User.GetTenantId(), ruleId, context.RequestAborted);
        if (stored is null)
        {
            return RuleNotFound();
        }

        context.Response.Headers.ETag = RuleETags.Format(stored.Rule.Revision);
        return TypedResults.Json(new GetRuleResponse { Id = ruleId, Data = RuleWire.ToRule(stored.Rule) }, RiskJsonContext.Default.GetRuleResponse);
    }

    internal static async Task<Results<JsonHttpResult<UpdateDeleteRuleResponse>, ApiError>> UpdateAsync(
        HttpContext context, [FromRoute(Name = RuleIdField)] string ruleId, RuleRepository repository, RuleSetCache cache)
    {
        // The path and the precondition are checked with the body, so that one answer lists every problem.
        var requestLine = new ValidationResult();
        CheckRuleId(ruleId, requestLine);
        var condition = ReadIfMatch(context.Request, requestLine);
        var (draft, invalid) = await ReadDraftAsync(context.Request, ruleId, requestLine);
        if (invalid is not null)
        {
            return invalid;
        }

        var tenantId = context.User.GetTenantId();
        var result = await repository.UpdateAsync(tenantId, ruleId, draft!, condition, context.RequestAborted);
        if (result.Status != RuleWriteStatus.Succeeded)
        {
            return Failure(result, draft!);
        }

        cache.Invalidate(tenantId);
        context.Response.Headers.ETag = RuleETags.Format(result.Revision);
        return Message("Rule updated");
    }

    internal static async Task<Results<JsonHttpResult<UpdateDeleteRuleResponse>, ApiError>> DeleteAsync(
        HttpContext context,
        [FromRoute(Name = RuleIdField)] string ruleId,
        RuleRepository repository,
        RuleHitStore hits,
        RuleSetCache cache,
        ILoggerFactory loggers)
    {
        var requestLine = new ValidationResult();
        CheckRuleId(ruleId, requestLine);
        var condition = ReadIfMatch(context.Request, requestLine);
        if (!requestLine.IsValid)
        {
            return ApiError.BadRequest(requestLine);
        }

        var tenantId = context.User.GetTenantId();
        var result = await repository.DeleteAsync(tenantId, ruleId, condition, context.RequestAborted);
        if (result.Status != RuleWriteStatus.Succeeded)
        {
            return Failure(result, draft: null);
        }

        cache.Invalidate(tenantId);
        try
        {
            await hits.DeleteAsync(tenantId, ruleId, context.RequestAborted);
        }
        catch (Azure.RequestFailedException exception)
        {
            // The rule is gone either way; leftover counts of a deleted rule are never read.
            LogHitCountsNotDeleted(loggers.CreateLogger(typeof(RulesApi)), exception, ruleId);
        }

        return Message("Rule deleted");
    }

    internal static async Task<Results<JsonHttpResult<GetRuleHitsResponse>, ApiError>> GetHitsAsync(
        HttpContext context, [FromRoute(Name = RuleIdField)] string ruleId, RuleRepository repository, RuleHitStore hits, RuleHitFlusher flusher)
    {
        if (InvalidRuleId(ruleId) is { } invalid)
        {
            return invalid;
        }

        var tenantId = context.User.GetTenantId();
        var stored = await repository.GetAsync(tenantId, ruleId, context.RequestAborted);
        if (stored is null)
        {
            return RuleNotFound();
        }

        // Store what this instance counted for the tenant since its last flush first, so that a read right after traffic
        // on this instance is exact; other instances' counts arrive within their flush interval.
        await flusher.FlushTenantAsync(tenantId, context.RequestAborted);
        var rule = stored.Rule;
        var counts = await hits.GetAsync(tenantId, ruleId, context.RequestAborted) is { } saved && saved.Revision == rule.Revision
            ? saved
            : RuleHitCounts.None(rule.Revision);

        var data = new RuleHits
        {
            RuleName = rule.Name,
            Mode = rule.Mode,
            Enabled = rule.Enabled,
            ProductionHits = counts.ProductionHits,
            PreviewHits = counts.PreviewHits,
            CountedSince = stored.UpdatedAt.ToUnixTimeMilliseconds(),
            LastHitAt = counts.LastHitAt?.ToUnixTimeMilliseconds(),
        };
        return TypedResults.Json(new GetRuleHitsResponse { Id = ruleId, Data = data }, RiskJsonContext.Default.GetRuleHitsResponse);
    }

    /// <summary>
    /// The body of a create (<paramref name="ruleId"/> <c>null</c>) or of an update of <paramref name="ruleId"/>; its
    /// problems are answered with those the request's path and headers already had (<paramref name="requestLine"/>).
    /// </summary>
    private static async Task<(RuleDraft? Draft, ApiError? Error)> ReadDraftAsync(HttpRequest request, string? ruleId, ValidationResult requestLine)
    {
        var body = await RequestBody.ReadJsonAsync(request, RiskJsonContext.Default.RuleRequest, cancellationToken: request.HttpContext.RequestAborted);
        RuleDraft? draft = null;
        if (body.Value is { } read)
        {
            requestLine.Merge(RuleRequestValidator.Validate(read, ruleId, out draft));
        }

        return body.Problem(requestLine) is { } problem ? (null, ApiError.Create(problem.StatusCode, problem.Errors)) : (draft, null);
    }

    private static ApiError? InvalidRuleId(string ruleId)
    {
        var validation = new ValidationResult();
        CheckRuleId(ruleId, validation);
        return validation.IsValid ? null : ApiError.BadRequest(validation);
    }

    private static void CheckRuleId(string ruleId, ValidationResult validation)
    {
        if (!RuleIdFormat().IsMatch(ruleId))
        {
            validation.Add(RuleIdField, "must be a rule id (32 lower-case hexadecimal characters)");
        }
    }

    /// <summary>The request's <c>If-Match</c> as a condition (null: none), or a problem recorded in <paramref name="validation"/>.</summary>
    private static RuleRevisionCondition? ReadIfMatch(HttpRequest request, ValidationResult validation)
    {
        if (RuleETags.TryParseIfMatch(request.Headers.IfMatch, out var condition))
        {
            return condition;
        }

        validation.Add(RuleETags.IfMatchField, RuleETags.MalformedIfMatch);
        return null;
    }

    private static ApiError RuleNotFound() => ApiError.NotFound(RuleIdField, "no such rule");

    private static JsonHttpResult<UpdateDeleteRuleResponse> Message(string message) =>
        TypedResults.Json(new UpdateDeleteRuleResponse { Message = message }, RiskJsonContext.Default.UpdateDeleteRuleResponse);

    private static ApiError Failure(RuleWriteResult result, RuleDraft? draft) => result.Status switch
    {
        RuleWriteStatus.NotFound => RuleNotFound(),
        RuleWriteStatus.PriorityTaken or RuleWriteStatus.NameTaken =>
            ApiError.Create(StatusCodes.Status409Conflict, result.Conflicts!.Select(conflict => Taken(conflict, draft))),
        RuleWriteStatus.TenantLimitReached => ApiError.Conflict("rules", result.Detail ?? "a tenant limit would be exceeded"),
        RuleWriteStatus.Contended => ApiError.Conflict("rules", "were being changed by other requests at the same time; nothing was changed, retry"),
        RuleWriteStatus.RevisionMismatch => ApiError.Create(StatusCodes.Status412PreconditionFailed, [ApiError.Describe(RuleETags.IfMatchField,
            $"the rule has changed since the ETag given; nothing was changed; its current ETag is {RuleETags.Format(result.Revision)}")]),
        _ => throw new InvalidOperationException($"Unexpected rule write status {result.Status}."),
    };

    private static string Taken(RuleConflict conflict, RuleDraft? draft)
    {
        var holder = conflict.RuleId is { } id ? "rule " + id : "another rule";
        return conflict.Status == RuleWriteStatus.PriorityTaken
            ? ApiError.Describe("priority", $"{draft?.Priority} is already used by {holder}")
            : ApiError.Describe("name", $"'{draft?.Name}' is already used (ignoring case) by {holder}");
    }

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleIdFormat();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hit counts of deleted rule {RuleId} could not be deleted")]
    private static partial void LogHitCountsNotDeleted(ILogger logger, Exception exception, string ruleId);
}
