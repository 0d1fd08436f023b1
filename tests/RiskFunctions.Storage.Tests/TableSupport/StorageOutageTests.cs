using Azure;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Tests.TableSupport;

public sealed class StorageOutageTests
{
    [Fact]
    public void IsCause_UnavailableInsideAnotherException_IsTrue()
    {
        Assert.True(StorageOutage.IsCause(new InvalidOperationException("wrapped", new StorageUnavailableException())));
    }

    [Fact]
    public void IsCause_RequestWithoutAnswer_IsTrue()
    {
        Assert.True(StorageOutage.IsCause(new RequestFailedException(0, "connection refused")));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    public void IsCause_StorageRefusingTheRequest_IsFalse(int status)
    {
        Assert.False(StorageOutage.IsCause(new RequestFailedException(status, "refused")));
    }

    [Fact]
    public void IsCause_BugInTheCode_IsFalse()
    {
        Assert.False(StorageOutage.IsCause(new NullReferenceException()));
    }
}
