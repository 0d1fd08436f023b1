using RiskFunctions.Functions.Security;
using RiskFunctions.Functions.Security.Clients;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Clients;
using RiskFunctions.Testing.FunctionApp;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>
/// The function app with the token endpoint's limits of its tests (a generous per-address budget, five requests a
/// minute per client) and cheap secret hashing, and the clients table to register clients in as the admin tool does.
/// </summary>
public sealed class TokenEndpointFixture : FunctionAppFixture
{
    /// <summary>Low iterations keep tests fast; the cost model (one derivation per attempt) is what is tested.</summary>
    public const int HashIterations = 1000;

    public const int RequestsPerClientPerMinute = 5;

    private SecurityServices? _security;

    public ClientRepository Clients { get; private set; } = null!;

    protected override void Configure(IDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Security__ClientSecrets__Iterations"] = HashIterations.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Security__RateLimits__TokenEndpoint__RequestsPerAddressPerMinute"] = "1000";
        settings["Security__RateLimits__TokenEndpoint__RequestsPerClientPerMinute"] = RequestsPerClientPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override async Task OnStartedAsync()
    {
        var tables = new RiskTables(Storage.CreateServiceClient(), Storage.TablePrefix);
        await tables.EnsureCreatedAsync([ClientRepository.TableName]);
        Clients = new ClientRepository(tables);
        _security = SecurityServices.Create(new Dictionary<string, string?> { ["Security:ClientSecrets:Iterations"] = HashIterations.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    protected override async Task OnStoppingAsync()
    {
        if (_security is not null)
        {
            await _security.DisposeAsync();
        }
    }

    /// <summary>Registers a client with a new secret as the admin tool's bootstrap does.</summary>
    public async Task<(string ClientId, string Secret)> RegisterAsync(string tenant, string name = "demo", IReadOnlyList<string>? scopes = null, bool disabled = false)
    {
        var secret = ClientSecretHasher.GenerateSecret();
        var hash = _security!.Get<ClientSecretHasher>().Hash(secret);
        Assert.True(await Clients.CreateAsync(new ClientRecord(tenant, name, hash, scopes ?? RiskScopes.Default, disabled, DateTimeOffset.UtcNow)));
        return (new ClientIdentifier(tenant, name).ToString(), secret);
    }

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(field => new KeyValuePair<string, string>(field.Key, field.Value)));
}

/// <summary>The classes that share one <see cref="TokenEndpointFixture"/> worker.</summary>
[CollectionDefinition(Name)]
public sealed class TokenEndpointCollection : ICollectionFixture<TokenEndpointFixture>
{
    public const string Name = "function app for the token endpoint";
}
