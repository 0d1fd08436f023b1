using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Actions;

/// <summary>Checks an action-result request: a well-formed token, a result, and a clean user id.</summary>
public static class ActionResultValidator
{
    public static ValidationResult Validate(ActionResultRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = new ValidationResult();
        if (result.Required("action_token", request.ActionToken))
        {
            _ = ActionToken.IsWellFormed(request.ActionToken)
                || result.Add("action_token", "must be the action_token returned by trigger-action (64 lower-case hex digits)");
        }

        result.Required("result", request.Result);
        TriggerActionValidator.OptionalId(result, "user_id", request.UserId, ActionLimits.MaxIdLength);
        return result;
    }
}
