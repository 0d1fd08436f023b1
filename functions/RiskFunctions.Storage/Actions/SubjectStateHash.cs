using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RiskFunctions.Storage.Actions;

/// <summary>The 64-bit value hashes of <see cref="SubjectState"/>: the first 8 bytes of the SHA-256 of the UTF-8 value; 0 for none.</summary>
public static class SubjectStateHash
{
    public static ulong Of(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), hash);
        var result = BinaryPrimitives.ReadUInt64BigEndian(hash);
        return result == 0 ? 1 : result;
    }
}
