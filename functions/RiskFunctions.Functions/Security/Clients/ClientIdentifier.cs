using System.Diagnostics.CodeAnalysis;
using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Security.Clients;

/// <summary>
/// A client's public id, <c>tenant.name</c>: the tenant is part of the id, so the token endpoint finds
/// the client with one point read in the tenant's own partition. Both parts use the tenant-id alphabet.
/// </summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Name">The client's name within the tenant.</param>
public sealed record ClientIdentifier(string TenantId, string Name)
{
    public const char Separator = '.';

    public static bool TryParse(string? value, [NotNullWhen(true)] out ClientIdentifier? identifier)
    {
        identifier = null;
        var separator = value?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        if (separator <= 0)
        {
            return false;
        }

        var tenant = value![..separator];
        var name = value[(separator + 1)..];
        if (!TenantIds.IsValid(tenant) || !TenantIds.IsValid(name))
        {
            return false;
        }

        identifier = new ClientIdentifier(tenant, name);
        return true;
    }

    /// <summary>The id clients send as <c>client_id</c>.</summary>
    public override string ToString() => TenantId + Separator + Name;
}
