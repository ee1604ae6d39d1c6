using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Time;

namespace FlexMeasures.Data.Annotations;

/// <summary>
/// Adds a year's public holidays as annotations of type <c>holiday</c>, each from local midnight to the next, attached
/// to accounts and assets. The source is named as FlexMeasures names its own: <c>workalendar</c> with the country as
/// model, or with a subdivision <c>holidays</c> with model <c>DE/NW</c> (type <c>CLI script</c>), whatever library
/// computed the dates (see docs/decisions/0025).
/// </summary>
public sealed class HolidayImport(AnnotationService annotations, DataSourceService sources)
{
    public const string SourceType = "CLI script";

    /// <exception cref="Validation.InvalidInputException">Unknown country or subdivision, or a target that does not exist.</exception>
    public async Task<HolidayImportResult> AddAsync(
        int year, string country, string? subdivision, TimeZoneInfo zone, IReadOnlyCollection<AnnotatedObject> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(country);
        ArgumentNullException.ThrowIfNull(zone);
        var holidays = PublicHolidays.Of(country, subdivision, year);
        var code = country.Trim().ToUpperInvariant();
        var (name, model) = subdivision is null
            ? ("workalendar", code)
            : ("holidays", $"{code}/{subdivision.Trim().ToUpperInvariant().Replace($"{code}-", "", StringComparison.Ordinal)}");
        await annotations.RequireTargetsAsync(targets, cancellationToken);
        var source = await sources.GetOrCreateGeneratorAsync(name, SourceType, model, null, cancellationToken);
        var saved = await annotations.AddAllAsync(
            [.. holidays.Select(h => new NewAnnotation(
                h.Name,
                ZonedTime.ToUtc(h.Date.ToDateTime(TimeOnly.MinValue), zone),
                ZonedTime.ToUtc(h.Date.AddDays(1).ToDateTime(TimeOnly.MinValue), zone),
                null,
                AnnotationTypes.Holiday,
                source.Id))],
            targets,
            cancellationToken);
        return new HolidayImportResult(holidays, saved.Count(s => s.Created), source.Name);
    }
}
