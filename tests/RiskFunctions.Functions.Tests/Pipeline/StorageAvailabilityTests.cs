using Azure;
using RiskFunctions.Functions.Pipeline;

namespace RiskFunctions.Functions.Tests.Pipeline;

/// <summary>Which failures answer 503 (storage out) rather than 500 (a fault of the code) or nothing (the client left).</summary>
public sealed class StorageAvailabilityTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(504)]
    public void IsUnavailable_StorageAnsweringWithNothingOrBusy_IsTrue(int status)
    {
        Assert.True(StorageAvailability.IsUnavailable(new RequestFailedException(status, "x"), CancellationToken.None));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(412)]
    public void IsUnavailable_StorageRefusingTheRequest_IsFalse(int status)
    {
        Assert.False(StorageAvailability.IsUnavailable(new RequestFailedException(status, "x"), CancellationToken.None));
    }

    [Fact]
    public void IsUnavailable_ConnectionFailureInsideAnotherException_IsTrue()
    {
        var exception = new InvalidOperationException("wrapped", new HttpRequestException("connection refused"));

        Assert.True(StorageAvailability.IsUnavailable(exception, CancellationToken.None));
    }

    [Fact]
    public void IsUnavailable_CancelledBecauseTheClientLeft_IsFalse()
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();

        Assert.False(StorageAvailability.IsUnavailable(new OperationCanceledException(aborted.Token), aborted.Token));
    }

    [Fact]
    public void IsUnavailable_TimeoutNobodyAskedFor_IsTrue()
    {
        Assert.True(StorageAvailability.IsUnavailable(new TaskCanceledException("timed out"), CancellationToken.None));
    }

    [Fact]
    public void IsUnavailable_BugInTheCode_IsFalse()
    {
        Assert.False(StorageAvailability.IsUnavailable(new NullReferenceException(), CancellationToken.None));
    }
}
