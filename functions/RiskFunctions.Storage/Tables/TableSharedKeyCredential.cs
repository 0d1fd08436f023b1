using System.Security.Cryptography;
using System.Text;

namespace RiskFunctions.Storage.Tables;

/// <summary>A storage account name and key, for SharedKeyLite request signing (connection strings, Azurite).</summary>
public sealed class TableSharedKeyCredential
{
    private byte[] _key;

    /// <summary>Creates the credential from the account name and its base64 key.</summary>
    public TableSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        AccountName = accountName;
        _key = DecodeKey(accountKey);
    }

    /// <summary>The storage account name.</summary>
    public string AccountName { get; }

    /// <summary>Replaces the key (after a rotation) for every client using this credential.</summary>
    public void SetAccountKey(string accountKey) => _key = DecodeKey(accountKey);

    /// <summary>base64(HMAC-SHA256(key, UTF-8(stringToSign))).</summary>
    internal string ComputeSignature(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    private static byte[] DecodeKey(string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        try
        {
            return Convert.FromBase64String(accountKey);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The account key is not valid base64.", nameof(accountKey), ex);
        }
    }
}
