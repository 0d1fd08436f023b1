using RiskFunctions.Storage.Actions;

namespace RiskFunctions.Storage.Labels;

/// <summary>
/// Writes a subject's newest label into the subject's slot on some of its actions, then looks again: a label that
/// registered as newer meanwhile (<see cref="SubjectLabelRegistry"/>) may have marked some of them first and been
/// overwritten, so it is written on them again, until the newest label stays the same. Propagation marks each chunk of
/// a subject's index this way; so does the binding of an action to a user labeled before it.
/// </summary>
public class SubjectLabelWriter(ActionLabelMarker marker, SubjectLabelRegistry registry)
{
    /// <summary>
    /// Marks <paramref name="tokens"/> with <paramref name="newest"/>, the newest label of <paramref name="subject"/> as last
    /// read. Returns the actions that exist and the subject's newest label afterwards.
    /// </summary>
    public virtual async Task<(IReadOnlyList<string> Marked, ActionLabelMark Newest)> MarkAsync(
        string tenantId, ActionSubject subject, IReadOnlyCollection<string> tokens, ActionLabelMark newest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newest);
        var marked = await marker.MarkSubjectAsync(tenantId, subject, tokens, newest, cancellationToken).ConfigureAwait(false);
        while (await registry.GetNewestAsync(tenantId, subject, cancellationToken).ConfigureAwait(false) is { } current
            && !string.Equals(current.LabelId, newest.LabelId, StringComparison.Ordinal))
        {
            newest = current;
            await marker.MarkSubjectAsync(tenantId, subject, marked, newest, cancellationToken).ConfigureAwait(false);
        }

        return (marked, newest);
    }
}
