using System.Linq.Expressions;
using FlexMeasures.Api.Requests;
using FlexMeasures.Api.Sensors;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Api.Audit;

/// <summary>
/// FlexMeasures' audit log listing: <c>filter</c> (entries whose event or acting user's name holds any of the
/// space-separated terms, ignoring case), <c>sort-by</c> (only <c>event_datetime</c> orders; the other names
/// FlexMeasures accepts are accepted) with <c>sort-dir</c>, and <c>page</c> / <c>per-page</c>. Unsorted entries come
/// in the order they were written.
/// </summary>
internal static class AuditLogListing
{
    public static async Task<IResult> AnswerAsync(
        IQueryable<AuditRow> rows, IQueryCollection queryString, IReadOnlyCollection<string> sortable, bool alwaysPage, CancellationToken cancellationToken)
    {
        var query = FieldReader.FromQuery(queryString);
        var paging = Paging.Read(query);
        var filter = query.String("filter");
        var sortBy = query.String("sort-by") ?? query.String("sort_by");
        var sortDir = query.String("sort-dir") ?? query.String("sort_dir");
        if (sortBy is not null && !sortable.Contains(sortBy))
        {
            query.Fail("sort-by", $"Must be one of: {string.Join(", ", sortable)}.");
        }

        if (sortDir is not null and not ("asc" or "desc"))
        {
            query.Fail("sort-dir", "Must be one of: asc, desc.");
        }

        query.ThrowIfInvalid();
        var total = await rows.CountAsync(cancellationToken);
        var filtered = rows;
        Expression<Func<AuditRow, bool>>? anyTerm = null;
        foreach (var term in (filter ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Lower-cased on both sides: LIKE ignores case on SQLite but not on PostgreSQL.
            var pattern = "%" + term.ToLowerInvariant().Replace(@"\", @"\\", StringComparison.Ordinal)
                .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
            Expression<Func<AuditRow, bool>> matches = r => EF.Functions.Like(r.Event.ToLower(), pattern, @"\")
                || (r.ActiveUserName != null && EF.Functions.Like(r.ActiveUserName.ToLower(), pattern, @"\"));
            anyTerm = anyTerm is null ? matches
                : Expression.Lambda<Func<AuditRow, bool>>(Expression.OrElse(anyTerm.Body, Expression.Invoke(matches, anyTerm.Parameters)), anyTerm.Parameters);
        }

        if (anyTerm is not null)
        {
            filtered = filtered.Where(anyTerm);
        }

        var ordered = (sortBy, sortDir) switch
        {
            ("event_datetime", "asc") => filtered.OrderBy(r => r.EventDatetime).ThenBy(r => r.Id),
            ("event_datetime", "desc") => filtered.OrderByDescending(r => r.EventDatetime).ThenByDescending(r => r.Id),
            _ => filtered.OrderBy(r => r.Id),
        };
        var page = paging.Page ?? (alwaysPage ? 1 : null);
        if (page is not { } number)
        {
            return TypedResults.Ok((await ordered.ToListAsync(cancellationToken)).Select(Entry).ToList());
        }

        var count = await filtered.CountAsync(cancellationToken);
        var skip = (long)(number - 1) * paging.PerPage;
        List<AuditRow> items = skip > count ? [] : await ordered.Skip((int)skip).Take(paging.PerPage).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PageResponse<AuditLogEntry>([.. items.Select(Entry)], total, count));
    }

    public static AuditLogEntry Entry(AuditRow row) => new(row.Event, Time(row.EventDatetime), row.ActiveUserName, row.ActiveUserId);

    /// <summary>Stored as UTC (whatever kind the provider hands back).</summary>
    public static string Time(DateTime utc) => ApiTime.DateTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
