namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>
/// Reads address lists in the FireHOL <c>.netset</c>/<c>.ipset</c> style: one address, CIDR network or
/// <c>start-end</c> range per line; <c>#</c> and <c>;</c> start comments; blank lines are ignored.
/// </summary>
internal static class NetsetReader
{
    public static void Read(TextReader reader, string source, RangeAccumulator<uint> v4, RangeAccumulator<UInt128> v6)
    {
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = StripComment(line.AsSpan()).Trim();
            if (lineNumber == 1)
            {
                text = text.TrimStart('\uFEFF');
            }

            if (text.IsEmpty)
            {
                continue;
            }

            if (!TryParseEntry(text, out var network))
            {
                throw new IpDataFormatException(source, lineNumber, $"'{IpDataText.Shorten(text.ToString())}' is not an address, CIDR network or range.");
            }

            if (network.First.IsIPv4)
            {
                v4.Add(network.First.IPv4Bits, network.Last.IPv4Bits, 0);
            }
            else
            {
                v6.Add(network.First.Bits, network.Last.Bits, 0);
            }
        }
    }

    private static bool TryParseEntry(ReadOnlySpan<char> text, out IpNetwork network)
    {
        var dash = text.IndexOf('-');
        if (dash < 0)
        {
            return IpNetwork.TryParse(text, out network);
        }

        network = default;
        return IpAddressValue.TryParse(text[..dash].Trim(), out var first)
            && IpAddressValue.TryParse(text[(dash + 1)..].Trim(), out var last)
            && IpNetwork.TryCreate(first, last, out network);
    }

    private static ReadOnlySpan<char> StripComment(ReadOnlySpan<char> line)
    {
        var comment = line.IndexOfAny('#', ';');
        return comment < 0 ? line : line[..comment];
    }
}
