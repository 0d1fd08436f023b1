using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Storage.Tables;

/// <summary>Stamps <c>x-ms-date</c> on every attempt, so that a retried request is signed with a fresh date.</summary>
internal sealed class TableDatePolicy(TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue(
            TableHeaders.Date,
            timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
}
