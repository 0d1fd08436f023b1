using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RiskFunctions.Functions.Security.Clients;

/// <summary>
/// Client secrets at rest: PBKDF2-HMAC-SHA256 with a per-secret random salt, stored as
/// <c>pbkdf2-sha256$iterations$salt$hash</c>. Verification compares in constant time and runs the same
/// derivation when the client does not exist, so a wrong secret costs the same either way.
/// </summary>
public sealed class ClientSecretHasher
{
    /// <summary>Longer secrets are refused before any work (PBKDF2 cost must not grow with attacker input).</summary>
    public const int MaxSecretLength = 256;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const int GeneratedSecretBytes = 32;

    private readonly int _iterations;
    private readonly SecurityMetrics _metrics;
    private readonly byte[] _dummySalt = RandomNumberGenerator.GetBytes(SaltBytes);

    public ClientSecretHasher(IOptions<ClientSecretOptions> options, SecurityMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _iterations = options.Value.Iterations;
        _metrics = metrics;
    }

    /// <summary>A new random secret: 256 bits, base64url (43 characters).</summary>
    public static string GenerateSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(GeneratedSecretBytes));

    public string Hash(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(secret, salt, _iterations);
        return string.Join('$', Scheme, _iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>
    /// True when <paramref name="secret"/> matches <paramref name="storedHash"/>. A null hash (unknown
    /// client) still costs one full derivation with the configured iteration count and returns false.
    /// </summary>
    public bool Verify(string secret, string? storedHash)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (storedHash is null || !TryParse(storedHash, out var iterations, out var salt, out var expected))
        {
            Derive(secret, _dummySalt, _iterations);
            return false;
        }

        var actual = Derive(secret, salt, iterations);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private byte[] Derive(string secret, byte[] salt, int iterations)
    {
        _metrics.SecretDerived();
        var bytes = Encoding.UTF8.GetBytes(secret);
        try
        {
            return Rfc2898DeriveBytes.Pbkdf2(bytes, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static bool TryParse(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations is < 1_000 or > 10_000_000)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
            return salt.Length >= SaltBytes && hash.Length == HashBytes;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
