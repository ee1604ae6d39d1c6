using FlexMeasures.Data.Units;

namespace FlexMeasures.Data.Tests.Units;

public sealed class UnitConverterTests
{
    private static readonly TimeSpan FifteenMinutes = TimeSpan.FromMinutes(15);

    /// <summary>The "Units" table of SEMANTICS.md: data at 15-min resolution, a capacity of 50 kWh.</summary>
    public static TheoryData<string, string, double, double> SemanticsTable => new()
    {
        { "%", "‰", 10, 0 },
        { "m/s", "km/h", 3.6, 0 },
        { "m³/h", "l/h", 1000, 0 },
        { "m³", "m³/h", 4, 0 },
        { "MW", "kW", 1000, 0 },
        { "kWh", "kW", 4, 0 },
        { "kW", "kWh", 0.25, 0 },
        { "%", "kWh", 0.5, 0 },
        { "kWh", "%", 2, 0 },
        { "-W", "W", -1, 0 },
        { "l/(100km)", "l/km", 0.01, 0 },
        { "°C", "K", 1, 273.15 },
    };

    [Theory]
    [MemberData(nameof(SemanticsTable))]
    public void Between_GivesFactorAndOffset_ForEachCaseOfTheSemanticsTable(string from, string to, double factor, double offset)
    {
        var conversion = UnitConverter.Between(from, to, FifteenMinutes, capacity: "50 kWh");

        AssertClose(factor, conversion.Factor);
        AssertClose(offset, conversion.Offset);
    }

    [Fact]
    public void Apply_ConvertsTheSemanticsData_FromKilowattHoursToKilowatts()
    {
        var conversion = UnitConverter.Between("kWh", "kW", FifteenMinutes);

        Assert.Equal([0d, 40, 44], new[] { 0d, 10, 11 }.Select(conversion.Apply));
    }

    [Fact]
    public void Apply_AddsTheOffset_WhenConvertingCelsiusToKelvin()
    {
        var conversion = UnitConverter.Between("°C", "K");

        AssertClose(283.15, conversion.Apply(10));
        AssertClose(273.15, conversion.Apply(0));
    }

    public static TheoryData<string, string, double, double> MoreConversions => new()
    {
        { "EUR/MWh", "EUR/kWh", 0.001, 0 },
        { "EUR/kWh", "EUR/MWh", 1000, 0 },
        { "kEUR/MWh", "EUR/MWh", 1000, 0 },
        { "cEUR/kWh", "EUR/MWh", 10, 0 },
        { "KRW/MWh", "KRW/kWh", 0.001, 0 },
        { "MW", "kW", 1000, 0 },
        { "kW", "MW", 0.001, 0 },
        { "GW", "W", 1e9, 0 },
        { "MWh", "kWh", 1000, 0 },
        { "kWh", "J", 3.6e6, 0 },
        { "J/s", "W", 1, 0 },
        { "W", "-W", -1, 0 },
        { "-kW", "kW", -1, 0 },
        { "-kW", "W", -1000, 0 },
        { "°C", "K", 1, 273.15 },
        { "K", "°C", 1, -273.15 },
        { "°F", "°C", 5.0 / 9, -160.0 / 9 },
        { "°C", "°F", 1.8, 32 },
        { "ºC", "°C", 1, 0 },
        { "degC", "°C", 1, 0 },
        { "l/(100km)", "l/km", 0.01, 0 },
        { "l / (100 km)", "l/km", 0.01, 0 },
        { "km/h", "m/s", 1 / 3.6, 0 },
        { "m³", "l", 1000, 0 },
        { "m^3", "m³", 1, 0 },
        { "m**3", "m³", 1, 0 },
        { "m3", "m³", 1, 0 },
        { "m2", "cm²", 1e4, 0 },
        { "km²", "m²", 1e6, 0 },
        { "m³/h", "l/min", 1000.0 / 60, 0 },
        { "L/h", "l/h", 1, 0 },
        { "ml/s", "l/h", 3.6, 0 },
        { "m·s⁻¹", "m/s", 1, 0 },
        { "m s^-1", "km/h", 3.6, 0 },
        { "kW*h", "kWh", 1, 0 },
        { "kW·h", "kWh", 1, 0 },
        { "kW h", "kWh", 1, 0 },
        { "h", "min", 60, 0 },
        { "d", "h", 24, 0 },
        { "min", "s", 60, 0 },
        { "ms", "s", 0.001, 0 },
        { "%", "", 0.01, 0 },
        { "", "%", 100, 0 },
        { "‰", "%", 0.1, 0 },
        { "dimensionless", "%", 100, 0 },
        { "ppm", "%", 1e-4, 0 },
        { "W/m²", "kW/m²", 0.001, 0 },
        { "kVA", "W", 1000, 0 },
        { "Mvar", "kvar", 1000, 0 },
        { "mAh", "A*h", 0.001, 0 },
        { "hPa", "bar", 0.001, 0 },
        { "kt", "kg", 1e6, 0 },
        { "µs", "s", 1e-6, 0 },
        { "us", "µs", 1, 0 },
        { "kWh/15min", "kW", 4, 0 },
        { "EUR/MWh", "EUR/(MW*h)", 1, 0 },
        { "EUR/kW/h", "EUR/kWh", 1, 0 },
        { "kW*EUR/MWh", "EUR/h", 0.001, 0 },
    };

    [Theory]
    [MemberData(nameof(MoreConversions))]
    public void Between_GivesFactorAndOffset_WhenDimensionsMatch(string from, string to, double factor, double offset)
    {
        var conversion = UnitConverter.Between(from, to);

        AssertClose(factor, conversion.Factor);
        AssertClose(offset, conversion.Offset);
    }

    [Theory]
    [InlineData("kW")]
    [InlineData("EUR/MWh")]
    [InlineData("m³/h")]
    [InlineData("°C")]
    [InlineData("")]
    [InlineData("a.u.")]
    [InlineData("beans")]
    public void Between_IsIdentity_WhenUnitsAreTheSameText(string unit)
    {
        var conversion = UnitConverter.Between(unit, unit);

        Assert.Equal(new UnitConversion(1, 0), conversion);
        Assert.Equal(42.5, conversion.Apply(42.5));
    }

    [Theory]
    [InlineData("kWh", "kW", 60, 1)]
    [InlineData("kWh", "kW", 15, 4)]
    [InlineData("kWh", "kW", 5, 12)]
    [InlineData("kW", "kWh", 60, 1)]
    [InlineData("kW", "kWh", 10, 1.0 / 6)]
    [InlineData("MWh", "kW", 30, 2000)]
    [InlineData("m³", "m³/h", 10, 6)]
    [InlineData("m³", "l/h", 10, 6000)]
    [InlineData("m³/h", "m³", 10, 1.0 / 6)]
    [InlineData("m³/h", "l", 20, 1000.0 / 3)]
    [InlineData("Wh", "J/s", 1, 60)]
    public void Between_ConvertsStockAndFlowThroughResolution_WhenDimensionsDifferByTime(string from, string to, int minutes, double factor)
    {
        var conversion = UnitConverter.Between(from, to, TimeSpan.FromMinutes(minutes));

        AssertClose(factor, conversion.Factor);
        Assert.Equal(0, conversion.Offset);
    }

    [Fact]
    public void Between_UsesTheCapacity_ForPercentOfAnotherUnitOfStock()
    {
        AssertClose(2, UnitConverter.Between("%", "MWh", capacity: "200 MWh").Factor);
        AssertClose(0.5, UnitConverter.Between("MWh", "%", capacity: "200 MWh").Factor);
        AssertClose(2000, UnitConverter.Between("%", "kWh", capacity: "200 MWh").Factor);
        AssertClose(5, UnitConverter.Between("‰", "kWh", capacity: "5 MWh").Factor);
    }

    [Fact]
    public void Between_CombinesCapacityAndResolution_WhenPercentOfStockBecomesAFlow()
    {
        var conversion = UnitConverter.Between("%", "kW", FifteenMinutes, capacity: "50 kWh");

        AssertClose(2, conversion.Factor);
    }

    [Fact]
    public void Between_Throws_WhenPercentNeedsACapacityButNoneIsGiven()
    {
        var exception = Assert.Throws<UnitConversionException>(() => UnitConverter.Between("%", "kWh", FifteenMinutes));

        Assert.Contains("capacity", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'%'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'kWh'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("50")]
    [InlineData("50 °C")]
    public void Between_Throws_WhenCapacityIsNotAQuantityOfTheOtherUnit(string capacity)
    {
        var exception = Assert.Throws<UnitConversionException>(() => UnitConverter.Between("%", "kWh", FifteenMinutes, capacity));

        Assert.Contains(capacity, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m", "m³/h")]
    [InlineData("m³/h", "m")]
    [InlineData("kW", "°C")]
    [InlineData("°C", "kW")]
    [InlineData("EUR/MWh", "USD/MWh")]
    [InlineData("EUR", "KRW")]
    [InlineData("kW", "EUR/MWh")]
    [InlineData("kW", "")]
    [InlineData("kWh", "kW/h")]
    [InlineData("m/s", "m²/s")]
    public void Between_ThrowsNamingBothUnits_WhenUnitsAreIncompatible(string from, string to)
    {
        var exception = Assert.Throws<UnitConversionException>(() => UnitConverter.Between(from, to, FifteenMinutes));

        Assert.Contains($"'{from}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"'{to}'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kWh", "kW")]
    [InlineData("kW", "kWh")]
    [InlineData("m³", "m³/h")]
    public void Between_ThrowsSayingResolutionIsNeeded_WhenStockAndFlowMeetAtZeroResolution(string from, string to)
    {
        var exception = Assert.Throws<UnitConversionException>(() => UnitConverter.Between(from, to, TimeSpan.Zero));

        Assert.Contains("resolution", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"'{from}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"'{to}'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Between_Throws_WhenResolutionIsNegative()
    {
        Assert.Throws<UnitConversionException>(() => UnitConverter.Between("kWh", "kW", TimeSpan.FromMinutes(-15)));
    }

    [Fact]
    public void Between_IgnoresResolution_WhenDimensionsAlreadyMatch()
    {
        var conversion = UnitConverter.Between("MW", "kW", TimeSpan.Zero);

        AssertClose(1000, conversion.Factor);
    }

    [Theory]
    [InlineData("foo", "kW")]
    [InlineData("kW", "foo")]
    [InlineData("kW)", "kW")]
    public void Between_ThrowsNamingTheInvalidUnit_WhenAUnitIsInvalid(string from, string to)
    {
        var exception = Assert.Throws<UnitConversionException>(() => UnitConverter.Between(from, to));

        Assert.Contains(from == "kW" ? to : from, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("°C/h", "K/h")]
    [InlineData("kW", "-°C")]
    public void Between_Throws_WhenAnOffsetUnitIsCombined(string from, string to)
    {
        Assert.Throws<UnitConversionException>(() => UnitConverter.Between(from, to));
    }

    [Theory]
    [InlineData("")]
    [InlineData("kW")]
    [InlineData("MW")]
    [InlineData("kWh")]
    [InlineData("MWh")]
    [InlineData("W")]
    [InlineData("Wh")]
    [InlineData("J")]
    [InlineData("EUR/MWh")]
    [InlineData("EUR")]
    [InlineData("USD")]
    [InlineData("KRW")]
    [InlineData("JPY/kWh")]
    [InlineData("kEUR")]
    [InlineData("%")]
    [InlineData("‰")]
    [InlineData("°C")]
    [InlineData("°F")]
    [InlineData("K")]
    [InlineData("h")]
    [InlineData("min")]
    [InlineData("s")]
    [InlineData("d")]
    [InlineData("l")]
    [InlineData("L")]
    [InlineData("m")]
    [InlineData("km")]
    [InlineData("m/s")]
    [InlineData("km/h")]
    [InlineData("m³/h")]
    [InlineData("m^3/h")]
    [InlineData("m2")]
    [InlineData("l/h")]
    [InlineData("l/(100km)")]
    [InlineData("-kW")]
    [InlineData("-W")]
    [InlineData("W/m²")]
    [InlineData("kVA")]
    [InlineData("50 kWh")]
    [InlineData("dimensionless")]
    [InlineData("EUR/(kW*h)")]
    [InlineData("s⁻¹")]
    public void IsValid_ReturnsTrue_ForUnitsFlexMeasuresSensorsUse(string unit)
    {
        Assert.True(UnitConverter.IsValid(unit));
        Assert.Null(UnitConverter.Validate(unit));
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("kWx")]
    [InlineData("ABC")]
    [InlineData("eur")]
    [InlineData("kW/")]
    [InlineData("/kW")]
    [InlineData("kW)")]
    [InlineData("(kW")]
    [InlineData("kW**")]
    [InlineData("m^x")]
    [InlineData("kW..h")]
    [InlineData("kh")]
    [InlineData("k")]
    [InlineData("°C/h")]
    [InlineData("2 °C")]
    [InlineData("°C²")]
    [InlineData("kW$")]
    [InlineData("a.u.")]
    public void IsValid_ReturnsFalse_ForInvalidUnitStrings(string unit)
    {
        Assert.False(UnitConverter.IsValid(unit));
        var message = UnitConverter.Validate(unit);
        Assert.NotNull(message);
        Assert.Contains($"'{unit}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesTheUnknownSymbol_WhenOnePartIsUnknown()
    {
        var message = UnitConverter.Validate("kW/bananas");

        Assert.NotNull(message);
        Assert.Contains("'bananas'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EUR/MWh", "EUR/kWh", true)]
    [InlineData("kWh", "kW", true)]
    [InlineData("m", "m³/h", false)]
    [InlineData("%", "kWh", false)]
    [InlineData("foo", "kW", false)]
    public void AreConvertible_SaysWhetherBetweenCanSucceedWithAResolution(string from, string to, bool expected)
    {
        Assert.Equal(expected, UnitConverter.AreConvertible(from, to));
    }

    [Fact]
    public void AreConvertible_ReturnsFalseForStockToFlow_WhenNoDurationIsKnown()
    {
        Assert.False(UnitConverter.AreConvertible("kWh", "kW", durationKnown: false));
        Assert.True(UnitConverter.AreConvertible("MWh", "kWh", durationKnown: false));
    }

    private static void AssertClose(double expected, double actual)
    {
        var tolerance = Math.Max(1e-12, Math.Abs(expected) * 1e-12);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"Expected {expected:R}, got {actual:R}.");
    }
}
