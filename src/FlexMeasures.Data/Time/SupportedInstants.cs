using System.Globalization;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Time;

/// <summary>
/// The instants the platform takes in: from 1900-01-01T00:00Z up to, not including, 2200-01-01T00:00Z. Wide
/// enough for any metering history and any forecast or contract horizon, and far enough from the ends of
/// <see cref="DateTime"/> that adding a resolution, a horizon or a window never overflows. Every edge (API, CSV,
/// CLI options, forecast triggers) refuses instants outside it; reads leave out stored rows outside it.
/// </summary>
public static class SupportedInstants
{
    /// <summary>The first supported instant (UTC).</summary>
    public static DateTime Earliest { get; } = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The first instant after the supported range (UTC).</summary>
    public static DateTime End { get; } = new(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The range as a user reads it in messages.</summary>
    public const string Description = "from 1900-01-01T00:00:00Z up to (not including) 2200-01-01T00:00:00Z";

    /// <summary>Whether a UTC instant is supported.</summary>
    public static bool Contains(DateTime utc) => utc >= Earliest && utc < End;

    /// <summary>Whether a window starting at a supported instant and lasting <paramref name="duration"/> ends within the range.</summary>
    public static bool ContainsWindow(DateTime start, TimeSpan duration) =>
        Contains(start) && duration >= TimeSpan.Zero && duration <= End - start;

    /// <summary>The message for an instant outside the range.</summary>
    public static string Problem(DateTimeOffset value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value:yyyy-MM-dd'T'HH:mm:sszzz} is outside the supported range of instants, {Description}");

    /// <summary>The message for a window that ends outside the range.</summary>
    public const string WindowProblem = "the window ends outside the supported range of instants, " + Description;

    /// <exception cref="InvalidInputException">The instant is outside the range; <paramref name="field"/> names the input.</exception>
    public static DateTime Require(DateTime utc, string field) =>
        Contains(utc) ? utc : throw new InvalidInputException(field, Problem(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))));
}
