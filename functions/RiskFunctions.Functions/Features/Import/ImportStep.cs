using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Import;
using RiskFunctions.Domain.Labels;

namespace RiskFunctions.Functions.Features.Import;

/// <summary>One validated import line, ready to be applied: everything it needs was checked before any line is applied.</summary>
/// <param name="Entry">The line as read, with its number and original time.</param>
internal abstract record ImportStep(ImportEntry Entry);

/// <summary>Records a past action under the token derived from its <c>ref</c>.</summary>
internal sealed record ImportActionStep(ImportEntry Entry, TriggerActionRequest Request, string ActionToken) : ImportStep(Entry);

/// <summary>Records the outcome of an imported action.</summary>
internal sealed record ImportResultStep(ImportEntry Entry, ActionResultRequest Request, string ActionToken) : ImportStep(Entry)
{
    /// <summary>The user and device of the action, when known, so the result is applied in order with their other lines.</summary>
    public ImportSubjects ActionSubjects { get; init; } = ImportSubjects.None;
}

/// <summary>Stores and propagates a past label; <paramref name="ActionToken"/> is set when it names an imported action.</summary>
internal sealed record ImportLabelStep(ImportEntry Entry, Label Label, string? ActionToken) : ImportStep(Entry);

/// <summary>The user and device an action names, which tie import lines that must be applied in order.</summary>
internal sealed record ImportSubjects(string? UserId, string? DeviceId)
{
    public static ImportSubjects None { get; } = new(null, null);
}
