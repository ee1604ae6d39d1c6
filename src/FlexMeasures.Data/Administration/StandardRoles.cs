using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Administration;

/// <summary>Finds roles by name, creating the standard ones on first use; unknown names are an error.</summary>
internal static class StandardRoles
{
    public static async Task<List<TRole>> FindOrCreateAsync<TRole>(
        DbSet<TRole> roles,
        IEnumerable<string> names,
        IReadOnlyList<(string Name, string Description)> standard,
        Func<TRole, string> nameOf,
        Func<string, string, TRole> create,
        string kind,
        CancellationToken cancellationToken)
        where TRole : class
    {
        // Role tables hold a handful of rows.
        var all = await roles.ToListAsync(cancellationToken);
        var result = new List<TRole>();
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal))
        {
            var role = all.FirstOrDefault(r => nameOf(r) == name);
            if (role is null)
            {
                var known = standard.FirstOrDefault(r => r.Name == name);
                if (known.Name is null)
                {
                    var knownNames = standard.Select(r => r.Name).Union(all.Select(nameOf), StringComparer.Ordinal);
                    throw new InvalidInputException("roles", $"unknown {kind} '{name}'; known: {string.Join(", ", knownNames)}");
                }

                role = create(known.Name, known.Description);
                roles.Add(role);
                all.Add(role);
            }

            result.Add(role);
        }

        return result;
    }
}
