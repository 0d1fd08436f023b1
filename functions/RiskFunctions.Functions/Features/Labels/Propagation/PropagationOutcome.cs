namespace RiskFunctions.Functions.Features.Labels.Propagation;

/// <summary>How one propagation attempt ended.</summary>
public enum PropagationOutcome
{
    /// <summary>Every affected action is marked and every reputation updated (now or by an earlier run).</summary>
    Done,

    /// <summary>No such label: the message names nothing to propagate.</summary>
    UnknownLabel,
}
