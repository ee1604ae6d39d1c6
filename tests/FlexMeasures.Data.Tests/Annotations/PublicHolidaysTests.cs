using System.Globalization;
using FlexMeasures.Data.Annotations;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Tests.Annotations;

/// <summary>
/// The 2025 lists as the governments publish them (not as the package computes them): Rijksoverheid's official
/// Dutch holidays, and Germany's nine federal holidays plus those of some states by their state holiday laws.
/// </summary>
public sealed class PublicHolidaysTests
{
    /// <summary>Rijksoverheid, "Officiële feestdagen" 2025 (King's Day moves to Saturday 26 April because 27 April is a Sunday).</summary>
    private static readonly string[] Netherlands2025 =
    [
        "2025-01-01", // Nieuwjaarsdag
        "2025-04-18", // Goede Vrijdag
        "2025-04-20", // Eerste Paasdag
        "2025-04-21", // Tweede Paasdag
        "2025-04-26", // Koningsdag
        "2025-05-05", // Bevrijdingsdag
        "2025-05-29", // Hemelvaartsdag
        "2025-06-08", // Eerste Pinksterdag
        "2025-06-09", // Tweede Pinksterdag
        "2025-12-25", // Eerste Kerstdag
        "2025-12-26", // Tweede Kerstdag
    ];

    /// <summary>The holidays of every German state in 2025.</summary>
    private static readonly string[] GermanyFederal2025 =
    [
        "2025-01-01", // Neujahr
        "2025-04-18", // Karfreitag
        "2025-04-21", // Ostermontag
        "2025-05-01", // Tag der Arbeit
        "2025-05-29", // Christi Himmelfahrt
        "2025-06-09", // Pfingstmontag
        "2025-10-03", // Tag der Deutschen Einheit
        "2025-12-25", // 1. Weihnachtstag
        "2025-12-26", // 2. Weihnachtstag
    ];

    public static TheoryData<string, string?, string[]> Official2025 => new()
    {
        { "NL", null, Netherlands2025 },
        { "DE", null, GermanyFederal2025 },
        { "DE", "NW", [.. GermanyFederal2025, "2025-06-19", "2025-11-01"] }, // Fronleichnam, Allerheiligen
        { "DE", "BE", [.. GermanyFederal2025, "2025-03-08", "2025-05-08"] }, // Internationaler Frauentag; 80 years since the liberation (2025 only)
        { "DE", "SN", [.. GermanyFederal2025, "2025-10-31", "2025-11-19"] }, // Reformationstag, Buß- und Bettag
        { "DE", "BB", [.. GermanyFederal2025, "2025-04-20", "2025-06-08", "2025-10-31"] }, // Ostersonntag, Pfingstsonntag, Reformationstag
    };

    [Theory]
    [MemberData(nameof(Official2025))]
    public void Of_MatchesTheOfficialList_For2025(string country, string? subdivision, string[] official)
    {
        var holidays = PublicHolidays.Of(country, subdivision, 2025);

        Assert.Equal(
            official.Select(d => DateOnly.Parse(d, CultureInfo.InvariantCulture)).Order(),
            holidays.Select(h => h.Date).Distinct().Order());
        Assert.All(holidays, h => Assert.False(string.IsNullOrWhiteSpace(h.Name)));
    }

    public static TheoryData<string> Countries => [.. PublicHolidays.Countries];

    [Theory]
    [MemberData(nameof(Countries))]
    public void Of_GivesNamedHolidays_ForEveryKnownCountry(string country)
    {
        var holidays = PublicHolidays.Of(country, null, 2025);

        Assert.InRange(holidays.Count, 4, 40);
        Assert.All(holidays, h => Assert.Equal(2025, h.Date.Year));
        Assert.All(holidays, h => Assert.False(string.IsNullOrWhiteSpace(h.Name)));
    }

    [Theory]
    [InlineData("XX", null, 2025, "country")]
    [InlineData("DE", "ZZ", 2025, "subdivision")]
    [InlineData("NL", "NH", 2025, "subdivision")]
    [InlineData("NL", null, 1066, "year")]
    public void Of_NamesTheField_WhenItIsUnknown(string country, string? subdivision, int year, string field)
    {
        var error = Assert.Throws<InvalidInputException>(() => PublicHolidays.Of(country, subdivision, year));

        Assert.Equal(field, error.Field);
    }
}
