using Azure;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// A count row as this instance last read or wrote it: its count at <see cref="Version"/>, or no row when the version is
/// <c>default</c>. An increment written conditional on that version fails if anyone wrote the row since (and then reads it).
/// </summary>
public readonly record struct KnownCountRow(long Count, ETag Version)
{
    public static KnownCountRow None => default;

    public bool Exists => Version != default;
}
