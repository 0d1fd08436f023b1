using RiskFunctions.Domain.Rules.Engine;

namespace RiskFunctions.Domain.Tests.Rules.Engine;

public sealed class CidrRangeTableTests
{
    private static CidrRangeTable<uint>.Entry Range(uint first, uint last, int rank, bool preview = false) =>
        new(first, last, rank, preview);

    [Fact]
    public void Find_EmptyTable_AnswersNone()
    {
        var table = CidrRangeTable<uint>.Build([]);

        Assert.Equal(RankPair.None, table.Find(12345).Production);
        Assert.Equal(RankPair.None, table.Find(uint.MaxValue).Preview);
    }

    [Fact]
    public void Find_NestedRanges_BestRankOfAllContainingRanges()
    {
        var table = CidrRangeTable<uint>.Build(
        [
            Range(0, uint.MaxValue, 9),
            Range(100, 199, 5),
            Range(150, 159, 7),
            Range(150, 159, 2, preview: true),
        ]);

        Assert.Equal(9, table.Find(99).Production);
        Assert.Equal(5, table.Find(100).Production);
        Assert.Equal(5, table.Find(155).Production);
        Assert.Equal(2, table.Find(155).Preview);
        Assert.Equal(RankPair.None, table.Find(160).Preview);
        Assert.Equal(5, table.Find(199).Production);
        Assert.Equal(9, table.Find(200).Production);
        Assert.Equal(9, table.Find(uint.MaxValue).Production);
    }

    [Fact]
    public void Build_ChildWithWorseRank_MergedIntoParentInterval()
    {
        // The /32 inside the better-ranked range changes no answer, so it costs no interval.
        var table = CidrRangeTable<uint>.Build([Range(100, 199, 1), Range(150, 150, 4)]);

        Assert.Equal(3, table.IntervalCount);
        Assert.Equal(1, table.Find(150).Production);
    }

    [Fact]
    public void Find_RangeEndingAtMaxValue_CoversTheLastAddress()
    {
        var table = CidrRangeTable<UInt128>.Build([new(UInt128.MaxValue - 255, UInt128.MaxValue, 3, false)]);

        Assert.Equal(3, table.Find(UInt128.MaxValue).Production);
        Assert.Equal(RankPair.None, table.Find(UInt128.MaxValue - 256).Production);
    }
}
