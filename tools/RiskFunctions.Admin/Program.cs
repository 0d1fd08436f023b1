namespace RiskFunctions.Admin;

/// <summary>The admin commands' entry point.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => AdminCommands.Create(Console.Out, Console.Error).Parse(args).InvokeAsync();
}
