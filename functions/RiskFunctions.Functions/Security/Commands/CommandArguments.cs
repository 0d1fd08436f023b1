namespace RiskFunctions.Functions.Security.Commands;

/// <summary><c>--name value</c> and <c>--flag</c> arguments of an administrative command.</summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    private CommandArguments()
    {
    }

    /// <summary>Parses <paramref name="args"/>; null and a message when an argument is not <c>--name</c> or repeats.</summary>
    public static CommandArguments? Parse(IReadOnlyList<string> args, IReadOnlySet<string> flags, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(flags);
        problem = null;
        var parsed = new CommandArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length == 2)
            {
                problem = $"unexpected argument '{name}'";
                return null;
            }

            string? value = null;
            if (!flags.Contains(name))
            {
                if (i + 1 >= args.Count)
                {
                    problem = $"{name} needs a value";
                    return null;
                }

                value = args[++i];
            }

            if (!parsed._values.TryAdd(name, value))
            {
                problem = $"{name} is given twice";
                return null;
            }
        }

        return parsed;
    }

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public bool Has(string name) => _values.ContainsKey(name);

    public IEnumerable<string> Names => _values.Keys;
}
