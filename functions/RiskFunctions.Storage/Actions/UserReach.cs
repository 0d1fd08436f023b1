namespace RiskFunctions.Storage.Actions;

/// <summary>
/// The devices and addresses a user acted from, by value, kept in the user's <see cref="SubjectState"/> so its fraud
/// label reaches them from one point read instead of a pass over its index. It names them all while it is
/// <see cref="Complete"/>; a user that has used more than <see cref="SubjectState.MaxReach"/> is no longer, and its
/// index answers instead.
/// </summary>
/// <param name="Subjects">The devices and addresses, in the order first used; empty once the list is not complete.</param>
/// <param name="Complete">Whether <paramref name="Subjects"/> names every device and address of the user's actions.</param>
public sealed record UserReach(IReadOnlyList<ActionSubject> Subjects, bool Complete)
{
    /// <summary>A user with no action yet: nothing to name, and nothing missing.</summary>
    public static UserReach None { get; } = new([], Complete: true);

    /// <summary>Equal when both name the same subjects in the same order and agree on completeness.</summary>
    public bool Equals(UserReach? other) =>
        other is not null && Complete == other.Complete && Subjects.SequenceEqual(other.Subjects);

    public override int GetHashCode() => HashCode.Combine(Complete, Subjects.Count);

    /// <summary>This reach with <paramref name="device"/> and <paramref name="address"/> named (this very one when they are, or it is not complete).</summary>
    internal UserReach With(string? device, string? address)
    {
        if (!Complete)
        {
            return this;
        }

        // Most actions come from a device and address the list already names: then nothing is copied (every action of a user runs this).
        var newDevice = IsNew(ActionSubjectKind.DeviceId, device);
        var newAddress = IsNew(ActionSubjectKind.IpAddress, address);
        if (!newDevice && !newAddress)
        {
            return this;
        }

        var added = new List<ActionSubject>(Subjects.Count + 2);
        added.AddRange(Subjects);
        if (newDevice)
        {
            added.Add(new ActionSubject(ActionSubjectKind.DeviceId, device!));
        }

        if (newAddress)
        {
            added.Add(new ActionSubject(ActionSubjectKind.IpAddress, address!));
        }

        return added.Count > SubjectState.MaxReach ? new UserReach([], Complete: false) : new UserReach(added, Complete: true);
    }

    private bool IsNew(ActionSubjectKind kind, string? value) =>
        !string.IsNullOrEmpty(value) && !Subjects.Contains(new ActionSubject(kind, value));
}
