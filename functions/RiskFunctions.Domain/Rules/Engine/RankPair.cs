using System.Runtime.CompilerServices;

namespace RiskFunctions.Domain.Rules.Engine;

/// <summary>
/// The best (smallest) rank among the production rules and among the preview rules attached to one index
/// entry. <see cref="int.MaxValue"/> means none.
/// </summary>
internal struct RankPair
{
    public const int None = int.MaxValue;

    public int Production;
    public int Preview;

    public static RankPair Empty => new() { Production = None, Preview = None };

    public void Add(int rank, bool preview)
    {
        if (preview)
        {
            Preview = Math.Min(Preview, rank);
        }
        else
        {
            Production = Math.Min(Production, rank);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void MergeInto(ref int production, ref int preview)
    {
        production = Math.Min(production, Production);
        preview = Math.Min(preview, Preview);
    }
}
