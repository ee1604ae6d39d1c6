using Microsoft.AspNetCore.Http;

namespace FlexMeasures.Api.Requests;

/// <summary><c>page</c> and <c>per_page</c> (or <c>per-page</c>) of a listing; without a page the whole list is one plain JSON array.</summary>
internal readonly record struct Paging(int? Page, int PerPage)
{
    public static Paging Read(FieldReader query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = query.Integer("page", minimum: 1);
        var perPage = query.Integer("per_page", minimum: 1) ?? query.Integer("per-page", minimum: 1) ?? 10;
        return new Paging(page, perPage);
    }

    /// <summary>The list as FlexMeasures answers it: plain without a page, else one page with the counts.</summary>
    public IResult Answer<T>(IReadOnlyList<T> all) => Page is { } page
        ? TypedResults.Ok(new Sensors.PageResponse<T>([.. all.Skip((page - 1) * PerPage).Take(PerPage)], all.Count, all.Count))
        : TypedResults.Ok(all);
}
