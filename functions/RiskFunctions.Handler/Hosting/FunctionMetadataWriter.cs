using System.Text.Json;

namespace RiskFunctions.Handler.Hosting;

/// <summary>
/// Writes one <c>&lt;FunctionName&gt;/function.json</c> per catalog entry into a Functions app root.
/// Runs at publish time (<c>RiskFunctions.Handler --write-function-metadata &lt;app root&gt;</c>), so the
/// files can never disagree with the handler that ships beside them.
/// </summary>
public static class FunctionMetadataWriter
{
    public const string Switch = "--write-function-metadata";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    /// <summary>Handles the publish-time switch; <see langword="false"/> when the process should serve HTTP.</summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || args[0] != Switch)
        {
            return false;
        }

        if (args.Length != 2)
        {
            Console.Error.WriteLine($"usage: RiskFunctions.Handler {Switch} <function app root>");
            exitCode = 2;
            return true;
        }

        var problems = FunctionCatalog.Validate(FunctionCatalog.All);
        if (problems.Count > 0)
        {
            Console.Error.WriteLine("The function catalog is inconsistent:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
            exitCode = 1;
            return true;
        }

        foreach (var path in Write(args[1], FunctionCatalog.All))
        {
            Console.WriteLine(path);
        }

        return true;
    }

    /// <summary>Writes the files and returns their paths.</summary>
    public static IReadOnlyList<string> Write(string appRoot, IEnumerable<FunctionDefinition> functions)
    {
        var written = new List<string>();
        foreach (var function in functions)
        {
            var folder = Directory.CreateDirectory(Path.Combine(appRoot, function.Name));
            var path = Path.Combine(folder.FullName, "function.json");
            File.WriteAllBytes(path, ToJson(function));
            written.Add(path);
        }

        return written;
    }

    /// <summary>The <c>function.json</c> content of one function.</summary>
    public static byte[] ToJson(FunctionDefinition function)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("bindings");
            WriteBindings(writer, function.Trigger);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteBindings(Utf8JsonWriter writer, FunctionTrigger trigger)
    {
        switch (trigger)
        {
            case HttpTrigger http:
                writer.WriteStartObject();
                WriteBindingHeader(writer, "httpTrigger", "in", "req");
                writer.WriteString("authLevel", http.AuthLevel.ToString().ToLowerInvariant());
                writer.WriteStartArray("methods");
                foreach (var method in http.Methods)
                {
                    writer.WriteStringValue(method.ToLowerInvariant());
                }

                writer.WriteEndArray();
                writer.WriteString("route", http.Route);
                writer.WriteEndObject();

                // Forwarding needs exactly this one output binding named res (or $return).
                writer.WriteStartObject();
                WriteBindingHeader(writer, "http", "out", "res");
                writer.WriteEndObject();
                break;

            case ServiceBusQueueTrigger serviceBus:
                writer.WriteStartObject();
                WriteBindingHeader(writer, "serviceBusTrigger", "in", serviceBus.BindingName);
                writer.WriteString("queueName", serviceBus.QueueName);
                writer.WriteString("connection", serviceBus.Connection);
                writer.WriteString("dataType", "binary");
                writer.WriteEndObject();
                break;

            case TimerTrigger timer:
                writer.WriteStartObject();
                WriteBindingHeader(writer, "timerTrigger", "in", timer.BindingName);
                writer.WriteString("schedule", timer.Schedule);
                writer.WriteBoolean("runOnStartup", false);
                writer.WriteBoolean("useMonitor", true);
                writer.WriteEndObject();
                break;

            default:
                throw new NotSupportedException($"No function.json shape for trigger {trigger.GetType().Name}.");
        }
    }

    private static void WriteBindingHeader(Utf8JsonWriter writer, string type, string direction, string name)
    {
        writer.WriteString("type", type);
        writer.WriteString("direction", direction);
        writer.WriteString("name", name);
    }
}
