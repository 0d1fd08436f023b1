namespace RiskFunctions.Testing.Populations;

/// <summary>Precision and recall of a found set against the planted one.</summary>
public readonly record struct MembershipScore(int Found, int Planted, int Correct)
{
    public double Precision => Found == 0 ? (Planted == 0 ? 1 : 0) : (double)Correct / Found;

    public double Recall => Planted == 0 ? 1 : (double)Correct / Planted;

    public static MembershipScore Of(IEnumerable<string> found, IReadOnlySet<string> planted)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(planted);
        var distinct = found.Distinct(StringComparer.Ordinal).ToList();
        return new MembershipScore(distinct.Count, planted.Count, distinct.Count(planted.Contains));
    }
}
