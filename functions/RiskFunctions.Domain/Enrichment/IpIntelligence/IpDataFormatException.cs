namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>An IP-intelligence data file that cannot be read as the format it was declared to be.</summary>
public sealed class IpDataFormatException : FormatException
{
    public IpDataFormatException()
    {
    }

    public IpDataFormatException(string message)
        : base(message)
    {
    }

    public IpDataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A problem on a given line of a named source (file name or other label given by the caller).</summary>
    public IpDataFormatException(string source, long lineNumber, string problem)
        : base($"{source}, line {lineNumber}: {problem}")
    {
        Source = source;
        LineNumber = lineNumber;
    }

    /// <summary>Line number (1-based) of the offending line, or 0 when the problem is not tied to one line.</summary>
    public long LineNumber { get; }
}
