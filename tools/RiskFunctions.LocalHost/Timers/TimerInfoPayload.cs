using System.Text.Json.Serialization;

namespace RiskFunctions.LocalHost.Timers;

/// <summary>The timer trigger's input as the host serialises its <c>TimerInfo</c> (PascalCase, as the extension writes it).</summary>
internal sealed record TimerInfoPayload(
    [property: JsonPropertyName("Schedule")] TimerSchedulePayload Schedule,
    [property: JsonPropertyName("ScheduleStatus")] ScheduleStatusPayload? ScheduleStatus,
    [property: JsonPropertyName("IsPastDue")] bool IsPastDue);

internal sealed record TimerSchedulePayload([property: JsonPropertyName("AdjustForDST")] bool AdjustForDst);

internal sealed record ScheduleStatusPayload(
    [property: JsonPropertyName("Last")] DateTime Last,
    [property: JsonPropertyName("Next")] DateTime Next,
    [property: JsonPropertyName("LastUpdated")] DateTime LastUpdated);
