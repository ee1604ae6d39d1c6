using FlexMeasures.Data.Validation;
using PublicHoliday;

namespace FlexMeasures.Data.Annotations;

/// <summary>
/// Public holidays per country (ISO 3166-1 alpha-2) and, for Germany, per state (ISO 3166-2 subdivision such as
/// <c>NW</c> or <c>DE-NW</c>), from the PublicHoliday package.
/// </summary>
public static class PublicHolidays
{
    /// <summary>Country codes the package has a calendar for.</summary>
    public static IReadOnlyList<string> Countries { get; } =
        [.. Enum.GetNames<PublicHolidayCountryCode>().Select(c => c.ToUpperInvariant()).Order(StringComparer.Ordinal)];

    /// <summary>German state codes (the only subdivisions the package knows).</summary>
    public static IReadOnlyList<string> GermanStates { get; } =
        [.. Enum.GetNames<GermanPublicHoliday.States>().Where(s => s != nameof(GermanPublicHoliday.States.ALL)).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The public holidays of <paramref name="year"/>, by date: without a subdivision those of the whole country (for
    /// Germany the nine federal ones), with one those of that state as well.
    /// </summary>
    /// <exception cref="InvalidInputException">Unknown country or subdivision (field <c>country</c> or <c>subdivision</c>).</exception>
    public static IReadOnlyList<PublicHolidayDate> Of(string country, string? subdivision, int year)
    {
        ArgumentNullException.ThrowIfNull(country);
        if (year is < 1900 or > 2200)
        {
            throw new InvalidInputException("year", $"{year} is outside the years with holiday calendars (1900 to 2200)");
        }

        var code = country.Trim().ToUpperInvariant();
        if (!Countries.Contains(code, StringComparer.Ordinal))
        {
            throw new InvalidInputException("country", $"no public-holiday calendar for '{country}'; known: {string.Join(", ", Countries)}");
        }

        // The package's Holiday objects need culture data, which this invariant-globalization build lacks: dates and
        // names come from its name tables instead.
        IDictionary<DateTime, string> holidays;
        if (subdivision is not null)
        {
            holidays = code == "DE"
                ? States(GermanState(subdivision)).Single().PublicHolidayNames(year)
                : throw new InvalidInputException("subdivision", $"subdivisions are known for DE only, not for {code}");
        }
        else if (code == "DE")
        {
            // Germany's federal holidays are those every state has.
            var perState = States(GermanStates).Select(state => state.PublicHolidayNames(year)).ToList();
            holidays = perState[0].Where(h => perState.All(other => other.ContainsKey(h.Key))).ToDictionary();
        }
        else if (code == "NL")
        {
            holidays = DutchOfficialHolidays(year);
        }
        else
        {
            holidays = NamedOrDated(PublicHolidayFactory.GetPublicHolidayForCountry(code), year);
        }

        return [.. holidays.Select(h => new PublicHolidayDate(DateOnly.FromDateTime(h.Key), h.Value)).OrderBy(h => h.Date)];
    }

    /// <summary>
    /// The package's Dutch days off, completed to the Rijksoverheid's list of official holidays, which also names Good
    /// Friday, Easter Sunday and Whit Sunday.
    /// </summary>
    private static Dictionary<DateTime, string> DutchOfficialHolidays(int year)
    {
        var dutch = new DutchPublicHoliday();
        var holidays = new Dictionary<DateTime, string>(dutch.PublicHolidayNames(year));
        var easter = DutchPublicHoliday.EasterSunday(year);
        holidays.TryAdd(DutchPublicHoliday.GoodFriday(year), "Goede Vrijdag");
        holidays.TryAdd(easter, "Eerste Paasdag");
        holidays.TryAdd(easter.AddDays(49), "Eerste Pinksterdag");
        return holidays;
    }

    /// <summary>
    /// The calendar's named holidays; where the package names them through culture data (the United States), which
    /// this invariant-globalization build lacks, its dates with a plain name.
    /// </summary>
    private static IDictionary<DateTime, string> NamedOrDated(IPublicHolidays calendar, int year)
    {
        try
        {
            return calendar.PublicHolidayNames(year);
        }
        catch (TypeInitializationException)
        {
            return calendar.PublicHolidays(year).Distinct().ToDictionary(d => d, _ => "Public holiday");
        }
    }

    private static string[] GermanState(string subdivision)
    {
        var state = subdivision.Trim().ToUpperInvariant();
        state = state.StartsWith("DE-", StringComparison.Ordinal) ? state[3..] : state;
        return GermanStates.Contains(state, StringComparer.Ordinal)
            ? [state]
            : throw new InvalidInputException("subdivision", $"'{subdivision}' is not a German state; known: {string.Join(", ", GermanStates)}");
    }

    private static IEnumerable<GermanPublicHoliday> States(IEnumerable<string> states) =>
        states.Select(state => new GermanPublicHoliday { State = Enum.Parse<GermanPublicHoliday.States>(state) });
}
