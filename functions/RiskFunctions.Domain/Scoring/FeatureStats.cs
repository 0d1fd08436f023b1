namespace RiskFunctions.Domain.Scoring;

/// <summary>How often one feature value was seen in a user's trusted history.</summary>
/// <param name="Count">Profile-building actions that carried the value.</param>
/// <param name="Children">
/// Distinct values of the next hierarchy level seen under this one (distinct ASNs of a country, ...),
/// the <c>d</c> of the Witten-Bell estimate of how likely the user is to show a new child value.
/// </param>
/// <param name="FirstSeen">When the value was first seen in a profile-building action.</param>
/// <param name="LastSeen">When the value was last seen in a profile-building action.</param>
public readonly record struct FeatureStats(long Count, int Children, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>Totals of one root feature kind in a user's history.</summary>
/// <param name="Total">Profile-building actions that carried the kind at all.</param>
/// <param name="Distinct">Distinct values of the kind ever seen, including values since evicted.</param>
public readonly record struct KindTotals(long Total, int Distinct);
