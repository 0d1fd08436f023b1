using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Security;
using RiskFunctions.Functions.Security.Clients;
using RiskFunctions.Functions.Security.Hardening;
using RiskFunctions.Functions.Security.TokenEndpoint;
using RiskFunctions.Functions.Security.Tokens;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Clients;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>
/// The token endpoint's cost model, counted through its metrics on the services the worker composes (a worker's
/// meters are not visible from outside its process), with clients stored in the shared Azurite.
/// </summary>
public sealed class TokenEndpointDerivationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly TestTenant _tenant = TestTenant.Create();
    private SecurityServices _security = null!;

    public async Task InitializeAsync()
    {
        var tables = new RiskTables(azurite.CreateServiceClient(), azurite.TablePrefix);
        await tables.EnsureCreatedAsync([ClientRepository.TableName]);
        _security = SecurityServices.Create(
            new Dictionary<string, string?>
            {
                ["Security:ClientSecrets:Iterations"] = "1000",
                ["Security:RateLimits:TokenEndpoint:RequestsPerAddressPerMinute"] = "1000",
                ["Security:RateLimits:TokenEndpoint:RequestsPerClientPerMinute"] = "5",
            },
            services => services.AddSingleton(tables).AddSingleton<ClientRepository>());
    }

    public async Task DisposeAsync() => await _security.DisposeAsync();

    [Fact]
    public async Task Token_UnknownClientAndKnownClientWithWrongSecret_BothRunExactlyOneKeyDerivation()
    {
        var (clientId, _) = await RegisterAsync("demo");
        using var derivations = new DerivationCounter(_security.Services);

        Assert.Equal(StatusCodes.Status401Unauthorized, await RequestTokenAsync(clientId, "wrong-secret"));
        var afterKnown = derivations.Count;
        Assert.Equal(StatusCodes.Status401Unauthorized, await RequestTokenAsync(_tenant.Id + ".nobody", "wrong-secret"));

        Assert.Equal(1, afterKnown);
        Assert.Equal(2, derivations.Count);
    }

    [Fact]
    public async Task Token_BruteForceSecretsOfOneClient_NoFurtherDerivationsOnceLimited()
    {
        var (clientId, secret) = await RegisterAsync("demo");
        using var derivations = new DerivationCounter(_security.Services);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(StatusCodes.Status401Unauthorized, await RequestTokenAsync(clientId, "guess-" + attempt));
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, await RequestTokenAsync(clientId, "guess-6"));
        Assert.Equal(StatusCodes.Status429TooManyRequests, await RequestTokenAsync(clientId, secret));
        Assert.Equal(5, derivations.Count);
    }

    [Fact]
    public async Task Register_StoredRow_HoldsOnlyASaltedSlowHashOfTheSecret()
    {
        var (_, secret) = await RegisterAsync("stored");
        var (_, sameSecretOther) = await RegisterAsync("other");

        var stored = await _security.Get<ClientRepository>().GetAsync(_tenant.Id, "stored");

        Assert.NotNull(stored);
        Assert.DoesNotContain(secret, stored.SecretHash, StringComparison.Ordinal);
        Assert.StartsWith("pbkdf2-sha256$1000$", stored.SecretHash, StringComparison.Ordinal);
        Assert.NotEqual(sameSecretOther, secret);
    }

    private async Task<(string ClientId, string Secret)> RegisterAsync(string name)
    {
        var secret = ClientSecretHasher.GenerateSecret();
        var hash = _security.Get<ClientSecretHasher>().Hash(secret);
        Assert.True(await _security.Get<ClientRepository>().CreateAsync(new ClientRecord(_tenant.Id, name, hash, RiskScopes.Default, false, DateTimeOffset.UtcNow)));
        return (new ClientIdentifier(_tenant.Id, name).ToString(), secret);
    }

    /// <summary>One token request through the endpoint's own code; returns the status it answers.</summary>
    private async Task<int> RequestTokenAsync(string clientId, string secret)
    {
        var form = $"grant_type=client_credentials&client_id={Uri.EscapeDataString(clientId)}&client_secret={Uri.EscapeDataString(secret)}";
        var http = new DefaultHttpContext { RequestServices = _security.Services };
        http.Request.Method = HttpMethods.Post;
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(form));
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        var result = await TokenApi.IssueAsync(
            http,
            _security.Get<ClientAuthenticator>(),
            _security.Get<AccessTokenFactory>(),
            _security.Get<TokenEndpointLimiter>(),
            _security.Get<ClientAddress>(),
            _security.Get<SecurityMetrics>(),
            _security.Get<IOptions<TokenOptions>>(),
            _security.Get<ILoggerFactory>());
        return ((IStatusCodeHttpResult)result).StatusCode ?? StatusCodes.Status200OK;
    }

    /// <summary>Counts secret key derivations of one composition through its metrics.</summary>
    private sealed class DerivationCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public DerivationCounter(IServiceProvider services)
        {
            var factory = services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SecurityMetrics.MeterName && instrument.Meter.Scope == factory && instrument.Name == "risk.security.secret_derivations")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
