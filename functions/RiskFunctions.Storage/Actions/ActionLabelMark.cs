namespace RiskFunctions.Storage.Actions;

/// <summary>A label as recorded on an action it affects.</summary>
/// <param name="LabelId">The label's id.</param>
/// <param name="LabelType">The label type as stored (e.g. <c>CONFIRMED_FRAUD</c>).</param>
/// <param name="LabeledAt">The label's timestamp: of two labels the newer one stays on the action.</param>
public sealed record ActionLabelMark(string LabelId, string LabelType, DateTimeOffset LabeledAt);
