namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>
/// Reads comma-separated records one line at a time (RFC 4180 quoting with doubled quotes; a record
/// never spans lines in these data sets), counting lines so every error can name where it is.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private string? _peeked;

    public CsvRecordReader(TextReader reader, string source)
    {
        _reader = reader;
        Source = source;
    }

    public string Source { get; }

    /// <summary>Line number of the record last returned by <see cref="TryRead"/>.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The next non-blank line without consuming it, or null at the end.</summary>
    public string? PeekLine()
    {
        if (_peeked is null)
        {
            while (true)
            {
                var line = _reader.ReadLine();
                if (line is null)
                {
                    return null;
                }

                LineNumber++;
                if (LineNumber == 1)
                {
                    line = line.TrimStart('\uFEFF');
                }

                if (!string.IsNullOrWhiteSpace(line))
                {
                    _peeked = line;
                    break;
                }
            }
        }

        return _peeked;
    }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the input.</summary>
    public bool TryRead(List<string> fields)
    {
        var line = PeekLine();
        _peeked = null;
        if (line is null)
        {
            return false;
        }

        Split(line, fields);
        return true;
    }

    public IpDataFormatException Error(string problem) => new(Source, LineNumber, problem);

    private void Split(string line, List<string> fields)
    {
        fields.Clear();
        var position = 0;
        while (true)
        {
            if (position < line.Length && line[position] == '"')
            {
                position = ReadQuoted(line, position + 1, fields);
            }
            else
            {
                var comma = line.IndexOf(',', position);
                var end = comma < 0 ? line.Length : comma;
                fields.Add(line[position..end].Trim());
                position = end;
            }

            if (position >= line.Length)
            {
                return;
            }

            if (line[position] != ',')
            {
                throw Error("unexpected text after a closing quote.");
            }

            position++;
            if (position == line.Length)
            {
                fields.Add(string.Empty);
                return;
            }
        }
    }

    private int ReadQuoted(string line, int position, List<string> fields)
    {
        var builder = new System.Text.StringBuilder();
        while (true)
        {
            var quote = line.IndexOf('"', position);
            if (quote < 0)
            {
                throw Error("a quoted field is not closed.");
            }

            builder.Append(line, position, quote - position);
            if (quote + 1 < line.Length && line[quote + 1] == '"')
            {
                builder.Append('"');
                position = quote + 2;
                continue;
            }

            fields.Add(builder.ToString());
            return quote + 1;
        }
    }
}
