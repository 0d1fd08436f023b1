using RiskFunctions.Storage.Clients;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Clients;

/// <summary>The client registry against a real Azurite.</summary>
public sealed class ClientRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly RiskTables _tables = new(azurite.CreateServiceClient(), azurite.TablePrefix);
    private ClientRepository _clients = null!;
    private readonly DateTimeOffset _createdAt = new(2025, 3, 1, 8, 30, 0, TimeSpan.Zero);

    private ClientRecord Client(string tenant, string name) =>
        new(tenant, name, "pbkdf2-sha256$1000$c2FsdA==$aGFzaA==", ["rules:read", "labels:write"], Disabled: false, _createdAt);

    public async Task InitializeAsync()
    {
        await _tables.EnsureCreatedAsync(StorageTables.All);
        _clients = new ClientRepository(_tables);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_NewClient_ReadsBackEveryField()
    {
        var client = Client("tenant-a", "demo");

        Assert.True(await _clients.CreateAsync(client));
        var stored = await _clients.GetAsync("tenant-a", "demo");

        Assert.NotNull(stored);
        Assert.Equal(client.SecretHash, stored.SecretHash);
        Assert.Equal(client.Scopes, stored.Scopes);
        Assert.Equal(client.CreatedAt, stored.CreatedAt);
        Assert.False(stored.Disabled);
    }

    [Fact]
    public async Task Create_ExistingName_ReturnsFalseAndKeepsTheFirst()
    {
        Assert.True(await _clients.CreateAsync(Client("tenant-b", "demo")));

        var second = await _clients.CreateAsync(Client("tenant-b", "demo") with { SecretHash = "other" });

        Assert.False(second);
        Assert.Equal(Client("tenant-b", "demo").SecretHash, (await _clients.GetAsync("tenant-b", "demo"))!.SecretHash);
    }

    [Fact]
    public async Task Get_SameNameInAnotherTenant_IsNotFound()
    {
        await _clients.CreateAsync(Client("tenant-c", "shared"));

        Assert.Null(await _clients.GetAsync("tenant-d", "shared"));
    }

    [Fact]
    public async Task List_OnlyThatTenantsClients()
    {
        await _clients.CreateAsync(Client("tenant-e", "one"));
        await _clients.CreateAsync(Client("tenant-e", "two"));
        await _clients.CreateAsync(Client("tenant-e2", "three"));

        var names = new List<string>();
        await foreach (var client in _clients.ListAsync("tenant-e"))
        {
            names.Add(client.ClientName);
        }

        Assert.Equal(["one", "two"], names.Order());
    }

    [Fact]
    public async Task ReplaceSecret_ChangesOnlyTheHash()
    {
        await _clients.CreateAsync(Client("tenant-f", "demo"));

        Assert.True(await _clients.ReplaceSecretAsync("tenant-f", "demo", "new-hash"));
        var stored = await _clients.GetAsync("tenant-f", "demo");

        Assert.Equal("new-hash", stored!.SecretHash);
        Assert.Equal(["rules:read", "labels:write"], stored.Scopes);
        Assert.Equal(_createdAt, stored.CreatedAt);
    }

    [Fact]
    public async Task ReplaceSecret_UnknownClient_ReturnsFalseAndCreatesNothing()
    {
        Assert.False(await _clients.ReplaceSecretAsync("tenant-g", "ghost", "hash"));

        Assert.Null(await _clients.GetAsync("tenant-g", "ghost"));
    }

    [Theory]
    [InlineData("a/b", "c#d")]
    [InlineData("x'y", "z?w")]
    [InlineData("back\\slash", "ctl\u0001")]
    public async Task Get_HostileKeys_AreEncodedAndRoundTrip(string tenant, string name)
    {
        Assert.True(await _clients.CreateAsync(Client(tenant, name)));

        var stored = await _clients.GetAsync(tenant, name);

        Assert.Equal((tenant, name), (stored!.TenantId, stored.ClientName));
    }
}
