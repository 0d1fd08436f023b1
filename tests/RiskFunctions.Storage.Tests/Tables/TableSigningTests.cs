using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Moq;
using RiskFunctions.Storage.Tables;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Storage.Tests.Tables;

/// <summary>
/// SharedKeyLite against vectors computed independently with
/// <c>printf '&lt;date&gt;\n&lt;resource&gt;' | openssl dgst -sha256 -mac HMAC -macopt hexkey:&lt;key&gt; -binary | base64</c>.
/// </summary>
public sealed class TableSigningTests
{
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string Date = "Fri, 21 Nov 2025 04:00:00 GMT";
    private static readonly DateTimeOffset Now = new(2025, 11, 21, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ComputeSignature_KnownVector_MatchesOpenSsl()
    {
        var credential = new TableSharedKeyCredential("devstoreaccount1", DevelopmentKey);

        var signature = credential.ComputeSignature($"{Date}\n/devstoreaccount1/devstoreaccount1/Tables");

        Assert.Equal("38i8PuflcRVdpWuMcTBgvkiD6gaRj0/613FLSRU9lGI=", signature);
    }

    [Theory]
    [InlineData("https://acct.table.core.windows.net/mytable()?$filter=a&$top=5", "/acct/mytable()")]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/Tables", "/acct/devstoreaccount1/Tables")]
    [InlineData("https://acct.table.core.windows.net/?restype=service&comp=properties", "/acct/?comp=properties")]
    public void BuildStringToSign_Uri_UsesEncodedPathAndOnlyComp(string uri, string resource)
    {
        Assert.Equal($"{Date}\n{resource}", TableSharedKeyLitePolicy.BuildStringToSign(Date, "acct", new Uri(uri)));
    }

    [Fact]
    public async Task CreateTable_SharedKey_SendsSignedProtocolHeaders()
    {
        var handler = new StubHttpHandler(HttpStatusCode.NoContent);
        var service = new TableServiceClient("UseDevelopmentStorage=true", Options(handler));

        await service.CreateTableIfNotExistsAsync("people");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1/Tables", request.Uri.AbsoluteUri);
        Assert.Equal(Date, request.Headers["x-ms-date"]);
        Assert.Equal("2019-02-02", request.Headers["x-ms-version"]);
        Assert.Equal("3.0", request.Headers["DataServiceVersion"]);
        Assert.Equal("application/json;odata=minimalmetadata", request.Headers["Accept"].Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("SharedKeyLite devstoreaccount1:38i8PuflcRVdpWuMcTBgvkiD6gaRj0/613FLSRU9lGI=", request.Headers["Authorization"]);
        Assert.Equal("""{"TableName":"people"}""", request.Body);
    }

    [Fact]
    public async Task GetEntity_KeysWithQuoteAndUnicode_SignsTheEscapedPathAsSent()
    {
        var handler = new StubHttpHandler(HttpStatusCode.NotFound);
        var table = new TableClient("UseDevelopmentStorage=true", "people", Options(handler));

        await table.GetEntityIfExistsAsync<TableEntity>("O'Brien", "ü x");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("/devstoreaccount1/people(PartitionKey='O%27%27Brien',RowKey='%C3%BC%20x')", request.Uri.AbsolutePath);
        Assert.Equal("SharedKeyLite devstoreaccount1:6Rm5pKdGF65Rzq8IvHL3XpBD+UAe7Y7QmxcgPIpZcMQ=", request.Headers["Authorization"]);
    }

    [Fact]
    public async Task AnyOperation_TokenCredential_SendsBearerForStorageScopeAndDate()
    {
        var handler = new StubHttpHandler(HttpStatusCode.NoContent);
        var credential = new Mock<TokenCredential>();
        credential
            .Setup(c => c.GetTokenAsync(It.Is<TokenRequestContext>(r => r.Scopes.SequenceEqual(new[] { "https://storage.azure.com/.default" })), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AccessToken("token-123", Now.AddHours(1)));
        var service = new TableServiceClient(new Uri("https://acct.table.core.windows.net"), credential.Object, Options(handler));

        await service.CreateTableIfNotExistsAsync("people");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer token-123", request.Headers["Authorization"]);
        Assert.Equal(Date, request.Headers["x-ms-date"]);
    }

    internal static TableClientOptions Options(StubHttpHandler handler) => new()
    {
        Transport = new HttpClientTransport(new HttpClient(handler)),
        TimeProvider = new ManualTimeProvider(Now),
        Retry = { Delay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
    };
}
