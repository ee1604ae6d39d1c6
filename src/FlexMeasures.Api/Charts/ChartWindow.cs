using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Charts;
using FlexMeasures.Data.Time;
using Microsoft.AspNetCore.Http;

namespace FlexMeasures.Api.Charts;

/// <summary>The query of a <c>chart_data</c> request, read under FlexMeasures' names, old and new.</summary>
/// <param name="Start">The window's start as the client wrote it (its offset kept for the answer).</param>
internal sealed record ChartWindow(ChartQuery Query, DateTimeOffset? Start, DateTimeOffset? End)
{
    /// <exception cref="RequestValidationException">A parameter of the wrong form, each named.</exception>
    public static ChartWindow Read(IQueryCollection parameters)
    {
        var query = FieldReader.FromQuery(parameters);
        var start = query.AwareDateTime(Name(query, "event_starts_after", "start"));
        var end = query.AwareDateTime(Name(query, "event_ends_before", "end"));
        var duration = query.Duration("duration");
        var beliefsBefore = query.AwareDateTime(Name(query, "beliefs_before", "prior"));
        var beliefsAfter = query.AwareDateTime(Name(query, "beliefs_after", "beliefs-after"));
        var resolution = query.Duration("resolution");
        var mostRecent = query.Boolean(Name(query, "most_recent_beliefs_only", "most-recent-beliefs-only"));
        var maxPoints = query.Integer("max_points", minimum: ChartQuery.MinMaxPoints);

        // Taken for FlexMeasures' clients and UI, which send them; this answer is always the compact data.
        query.Boolean(Name(query, "compress_json", "compress-json"));
        query.Boolean(Name(query, "include_data", "include-data"));

        if (duration is { } length && !query.HasErrors)
        {
            // FlexMeasures: a duration with one bound gives the other.
            if (length <= TimeSpan.Zero)
            {
                query.Fail("duration", "Must be positive.");
            }
            else if (start is { } from && end is null)
            {
                end = SupportedInstants.ContainsWindow(from.UtcDateTime, length) ? from + length : null;
            }
            else if (end is { } to && start is null)
            {
                start = to.UtcDateTime - SupportedInstants.Earliest >= length ? to - length : null;
            }
            else if (start is null && end is null)
            {
                query.Fail("duration", "Provide `duration` together with `start` or `end`.");
            }

            if (length > TimeSpan.Zero && (start is null) != (end is null))
            {
                query.Fail("duration", char.ToUpperInvariant(SupportedInstants.WindowProblem[0]) + SupportedInstants.WindowProblem[1..] + ".");
            }
        }

        query.ThrowIfInvalid();
        return new ChartWindow(
            new ChartQuery
            {
                EventStartsAfter = start?.UtcDateTime,
                EventEndsBefore = end?.UtcDateTime,
                BeliefsBefore = beliefsBefore?.UtcDateTime,
                BeliefsAfter = beliefsAfter?.UtcDateTime,
                Resolution = resolution,
                MostRecentBeliefsOnly = mostRecent ?? true,
                MaxPoints = maxPoints ?? ChartQuery.DefaultMaxPoints,
            },
            start,
            end);
    }

    /// <summary>The name the client used, of a parameter with several; the first when none is there.</summary>
    private static string Name(FieldReader query, params string[] names) => names.FirstOrDefault(query.Has) ?? names[0];
}
