using System.Globalization;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Rules;

/// <summary>
/// The rules table: its name and keys (rows are mapped by <see cref="RuleEntityMapper"/> and
/// <see cref="RuleSetVersionMapper"/>). One partition per tenant holds the tenant's rules, the reservations that make names
/// and priorities unique, and the rule-set version row, so every change is one entity group transaction:
/// <list type="table">
/// <item><term><c>rule|{id}</c></term><description>the rule</description></item>
/// <item><term><c>name|{NAME}</c></term><description>the name, upper-cased (unique ignoring case) and key-encoded</description></item>
/// <item><term><c>priority|{0042}</c></term><description>the priority, zero-padded</description></item>
/// <item><term><c>version</c></term><description>the rule-set version, bumped by every change</description></item>
/// </list>
/// </summary>
internal static class RuleTableKeys
{
    public const string RulesTableName = "rules";

    public const string RulePrefix = "rule|";
    public const string NamePrefix = "name|";
    public const string PriorityPrefix = "priority|";
    public const string Version = "version";

    /// <summary>Digits of a priority in its key (<see cref="Priority"/>): zero-padded, so the keys sort as the priorities do.</summary>
    public const int PriorityDigits = 4;

    public static string Partition(string tenantId) => TableKeyEncoder.Encode(tenantId);

    public static string Rule(string ruleId) => RulePrefix + ruleId;

    public static string Name(string name) => NamePrefix + TableKeyEncoder.Encode(name.ToUpperInvariant());

    public static string Priority(int priority) => PriorityPrefix + priority.ToString("D4", CultureInfo.InvariantCulture);
}
