using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Storage.ServiceBus;

/// <summary>
/// Signs each request with a Service Bus shared access signature:
/// <c>SharedAccessSignature sr=&lt;url-encoded resource&gt;&amp;sig=&lt;HMAC-SHA256(key, sr + "\n" + expiry)&gt;&amp;se=&lt;expiry&gt;&amp;skn=&lt;key name&gt;</c>.
/// </summary>
internal sealed class ServiceBusSasPolicy : HttpPipelineSynchronousPolicy
{
    private readonly string _keyName;
    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _timeProvider;

    public ServiceBusSasPolicy(string keyName, string key, TimeSpan lifetime, TimeProvider timeProvider)
    {
        _keyName = keyName;
        _key = Encoding.UTF8.GetBytes(key);
        _lifetime = lifetime;
        _timeProvider = timeProvider;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        var resource = $"{uri.Scheme}://{uri.Host}{uri.AbsolutePath}";
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, Create(resource, _timeProvider.GetUtcNow() + _lifetime));
    }

    internal string Create(string resource, DateTimeOffset expiry)
    {
        var encodedResource = Uri.EscapeDataString(resource.ToLowerInvariant());
        var expires = expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(encodedResource + "\n" + expires)));
        return $"SharedAccessSignature sr={encodedResource}&sig={Uri.EscapeDataString(signature)}&se={expires}&skn={Uri.EscapeDataString(_keyName)}";
    }
}
