using RiskFunctions.Storage.Tables;

namespace RiskFunctions.Storage.Tests.Tables;

public sealed class TableConnectionStringTests
{
    [Fact]
    public void Parse_UseDevelopmentStorage_PointsAtLocalAzurite()
    {
        var parsed = TableConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal("devstoreaccount1", parsed.Credential.AccountName);
    }

    [Fact]
    public void Parse_ExplicitTableEndpoint_IsUsed()
    {
        var parsed = TableConnectionString.Parse(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=AAAA;TableEndpoint=http://127.0.0.1:41000/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:41000/devstoreaccount1"), parsed.TableEndpoint);
    }

    [Fact]
    public void Parse_AccountWithoutEndpoint_BuildsEndpointFromProtocolAndSuffix()
    {
        var parsed = TableConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=AAAA;EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("https://acct.table.core.chinacloudapi.cn"), parsed.TableEndpoint);
        Assert.Equal("acct", parsed.Credential.AccountName);
    }

    [Fact]
    public void Parse_MissingKey_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<FormatException>(() => TableConnectionString.Parse("AccountName=acct"));

        Assert.Contains("AccountKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedSegment_DoesNotEchoIt()
    {
        var ex = Assert.Throws<FormatException>(() => TableConnectionString.Parse("AccountName=acct;SecretLookingThing"));

        Assert.DoesNotContain("SecretLookingThing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SharedAccessSignature_IsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => TableConnectionString.Parse("TableEndpoint=https://a.table.core.windows.net;SharedAccessSignature=sv=x"));
    }

    [Fact]
    public void Parse_KeyNotBase64_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableConnectionString.Parse("AccountName=acct;AccountKey=not base64!"));
    }
}
