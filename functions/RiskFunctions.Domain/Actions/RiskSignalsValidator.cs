using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Actions;

/// <summary>Checks the device, network and behavior signals a caller reports with an action.</summary>
internal static class RiskSignalsValidator
{
    public static void Validate(ValidationResult result, ClientRiskSignals signals)
    {
        if (signals.Device is { } device)
        {
            const string Device = "risk_signals.device";
            foreach (var (name, value) in new (string, double?)[]
            {
                ("ram", device.Ram), ("total_storage", device.TotalStorage), ("available_storage", device.AvailableStorage),
                ("core_number", device.CoreNumber), ("screen_width", device.ScreenWidth), ("screen_height", device.ScreenHeight),
                ("screen_pixel_depth", device.ScreenPixelDepth), ("screen_color_depth", device.ScreenColorDepth),
                ("screen_avail_width", device.ScreenAvailWidth), ("screen_avail_height", device.ScreenAvailHeight),
                ("font_count", device.FontCount),
            })
            {
                result.Range(FieldPath.Combine(Device, name), value, 0, double.MaxValue);
            }

            result.Range(FieldPath.Combine(Device, "battery_level"), device.BatteryLevel, 0, 100);
            foreach (var (name, value) in new (string, double?)[]
            {
                ("device_timezone_offset", device.DeviceTimezoneOffset), ("summer_timezone_offset", device.SummerTimezoneOffset),
                ("winter_timezone_offset", device.WinterTimezoneOffset),
            })
            {
                result.Range(FieldPath.Combine(Device, name), value, -24 * 60, 24 * 60);
            }

            foreach (var (name, value) in new (string, string?)[]
            {
                ("device_power_state", device.DevicePowerState), ("graphic_card", device.GraphicCard), ("model", device.Model),
                ("accept_languages", device.AcceptLanguages), ("mobile_network_code", device.MobileNetworkCode),
                ("cpu_arch", device.CpuArch), ("device_name", device.DeviceName),
            })
            {
                TriggerActionValidator.OptionalText(result, FieldPath.Combine(Device, name), value, ActionLimits.MaxShortTextLength);
            }

            TriggerActionValidator.OptionalText(result, FieldPath.Combine(Device, "navigator_useragent"), device.NavigatorUserAgent, ActionLimits.MaxUserAgentLength);
            TriggerActionValidator.OptionalText(result, FieldPath.Combine(Device, "true_useragent"), device.TrueUserAgent, ActionLimits.MaxUserAgentLength);
        }

        if (signals.Network?.XForwardedFor is { } forwarded && result.MaxCount("risk_signals.network.x_forwarded_for", forwarded, ActionLimits.MaxListItems))
        {
            for (var i = 0; i < forwarded.Count; i++)
            {
                _ = IpAddressValue.TryParse(forwarded[i], out _)
                    || result.Add(FieldPath.Index("risk_signals.network.x_forwarded_for", i), "must be an IPv4 or IPv6 address");
            }
        }

        if (signals.Behavior is { } behavior)
        {
            const string Behavior = "risk_signals.behavior";
            result.Range(FieldPath.Combine(Behavior, "typing_velocity"), behavior.TypingVelocity, 0, 1);
            result.Range(FieldPath.Combine(Behavior, "movement_velocity"), behavior.MovementVelocity, 0, double.MaxValue);
            result.Range(FieldPath.Combine(Behavior, "straight_line_ratio"), behavior.StraightLineRatio, 0, 1);
            result.Range(FieldPath.Combine(Behavior, "right_angels_ratio"), behavior.RightAngelsRatio, 0, 1);
            result.Range(FieldPath.Combine(Behavior, "minor_angels_ratio"), behavior.MinorAngelsRatio, 0, 1);
            result.Range(FieldPath.Combine(Behavior, "movement_latency"), behavior.MovementLatency, 0, double.MaxValue);
            TriggerActionValidator.TextList(result, FieldPath.Combine(Behavior, "input_method"), behavior.InputMethod, 64);
        }
    }
}
