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

    [Theory]
    [InlineData(1, 0u, 0)]
    [InlineData(2, 0x0A000000u, 8)]
    [InlineData(3, 0xC0A80100u, 24)]
    [InlineData(4, 0xFFFFFF00u, 24)]
    public void Find_ManyRangesClusteredInOneSpan_SameAsCheckingEveryRange(int seed, uint spanBase, int spanPrefix)
    {
        // Clustered ranges exercise the bucket level; probes outside the cluster exercise its edges.
        var random = new Random(seed);
        var spanSize = spanPrefix == 0 ? uint.MaxValue : (uint.MaxValue >> spanPrefix);
        var entries = new List<CidrRangeTable<uint>.Entry>();
        for (var i = 0; i < 400; i++)
        {
            var length = random.Next(spanPrefix, 33);
            var size = length == 0 ? uint.MaxValue : (uint.MaxValue >> length);
            var first = (spanBase + (uint)random.NextInt64(0, (long)spanSize + 1)) & ~size;
            entries.Add(Range(first, first + size, random.Next(1000), preview: random.Next(3) == 0));
        }

        var table = CidrRangeTable<uint>.Build([.. entries]);

        for (var i = 0; i < 5000; i++)
        {
            var key = i % 5 == 0 ? (uint)random.NextInt64(0, uint.MaxValue + 1L) : spanBase + (uint)random.NextInt64(0, (long)spanSize + 1);
            var containing = entries.Where(e => e.First <= key && key <= e.Last).ToArray();
            var production = containing.Where(e => !e.Preview).Select(e => e.Rank).DefaultIfEmpty(RankPair.None).Min();
            var preview = containing.Where(e => e.Preview).Select(e => e.Rank).DefaultIfEmpty(RankPair.None).Min();

            var found = table.Find(key);

            Assert.True(found.Production == production && found.Preview == preview, $"key {key:x8}");
        }
    }
}
