using FlexMeasures.Forecasting.Synthetic;

namespace FlexMeasures.Forecasting.Tests;

public sealed class RefitScheduleTests
{
    private static readonly Series Demand = SyntheticDemand.HalfHourly(TestSeries.Start, 12, seed: 7);

    public static TheoryData<string, int> Cases()
    {
        var cases = new TheoryData<string, int>();
        foreach (var model in new[] { "linear-OLS", "double-seasonal", "auto" })
        {
            foreach (var hours in new[] { 1, 24, 48 })
            {
                cases.Add(model, hours);
            }
        }

        return cases;
    }

    /// <summary>
    /// The window bug of issue 11: a forecast must not depend on the window it was asked in, nor on how much
    /// history the caller passed beyond <see cref="RefitSchedule.Lookback"/>.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Forecast_GivesTheSameBits_WhateverTheWindowAndHistoryStart(string modelName, int horizonHours)
    {
        var horizon = TimeSpan.FromHours(horizonHours);
        var wideStart = TestSeries.Start.AddDays(60).AddHours(7);
        var wideEnd = TestSeries.Start.AddDays(75);
        var narrowStart = TestSeries.Start.AddDays(63).AddHours(13);
        var narrowEnd = narrowStart.AddDays(1);
        var wide = Create(modelName).Forecast(new ForecastRequest(Demand, wideStart, wideEnd, horizon));
        var shortHistory = Demand.Slice(RefitSchedule.HistoryStart(narrowStart, horizon), Demand.End);
        var narrow = Create(modelName).Forecast(new ForecastRequest(shortHistory, narrowStart, narrowEnd, horizon));

        for (var i = 0; i < narrow.Values.Count; i++)
        {
            var time = narrow.Values.TimeAt(i);
            Assert.NotNull(narrow.Values.Values[i]);
            Assert.Equal(BitConverter.DoubleToInt64Bits(wide.Values.ValueAt(time)!.Value), BitConverter.DoubleToInt64Bits(narrow.Values.Values[i]!.Value));
        }
    }

    [Fact]
    public void AnchorOf_IsTheMondayMidnightUtcAtOrBefore()
    {
        Assert.Equal(new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc), RefitSchedule.AnchorOf(new DateTime(2024, 3, 10, 23, 59, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2024, 3, 11, 0, 0, 0, DateTimeKind.Utc), RefitSchedule.AnchorOf(new DateTime(2024, 3, 11, 0, 0, 0, DateTimeKind.Utc)));
    }

    internal static IForecastModel Create(string name) => TestModels.Create(name);
}
