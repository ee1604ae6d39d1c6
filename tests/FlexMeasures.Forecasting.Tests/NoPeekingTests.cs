using FlexMeasures.Forecasting.GradientBoosting;
using FlexMeasures.Forecasting.Synthetic;

namespace FlexMeasures.Forecasting.Tests;

/// <summary>Every model: values that ended after an event's belief time cannot change that event's forecast.</summary>
public sealed class NoPeekingTests
{
    private static readonly Series History = SyntheticDemand.HalfHourly(TestSeries.Start, 6, seed: 7);

    public static TheoryData<string, int> Cases()
    {
        var cases = new TheoryData<string, int>();
        foreach (var model in new[] { "naive", "seasonal-naive-weekly", "seasonal-naive-daily", "linear-OLS", "double-seasonal", "auto", "lightgbm" })
        {
            foreach (var hours in new[] { 0, 1, 6, 24, 48 })
            {
                cases.Add(model, hours);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forecast_IgnoresValuesEndingAfterBeliefTime(string modelName, int horizonHours)
    {
        var model = Create(modelName);
        var horizon = TimeSpan.FromHours(horizonHours);
        var forecastStart = TestSeries.Start.AddDays(35);
        var request = new ForecastRequest(History, forecastStart, forecastStart.AddDays(1), horizon);
        var original = model.Forecast(request);

        // Event 10 of the window: scramble everything that ended after its belief time.
        const int Event = 10;
        var beliefTime = forecastStart + (Event * History.Resolution) - horizon;
        var scrambled = model.Forecast(request with { History = TestSeries.Scrambled(History, beliefTime) });

        if (modelName != "auto")
        {
            Assert.Equal(model.Name, original.ModelUsed);
        }

        Assert.Equal(original.Values.Values.Take(Event + 1), scrambled.Values.Values.Take(Event + 1));
        Assert.All(original.Values.Values, v => Assert.NotNull(v));
    }

    [Theory]
    [InlineData("naive", 1440)]
    [InlineData("seasonal-naive-daily", 1410)]
    [InlineData("linear-OLS", 1440)]
    [InlineData("double-seasonal", 1440)]
    [InlineData("lightgbm", 30)]
    public void Forecast_UsesTheValueEndingExactlyAtBeliefTime(string modelName, int horizonMinutes)
    {
        // The rule is not over-cautious: the last event known at belief time does count.
        var model = Create(modelName);
        var forecastStart = TestSeries.Start.AddDays(35);
        var horizon = TimeSpan.FromMinutes(horizonMinutes);
        var request = new ForecastRequest(History, forecastStart, forecastStart.AddHours(1), horizon);
        var justKnown = History.IndexOf(forecastStart - horizon - History.Resolution);
        var values = History.Values.ToArray();
        values[justKnown] *= 2;

        var changed = model.Forecast(request with { History = History with { Values = values } });

        Assert.NotEqual(model.Forecast(request).Values.Values[0], changed.Values.Values[0]);
    }

    private static IForecastModel Create(string name) => name == LightGbmModel.ModelName ? new LightGbmModel() : TestModels.Create(name);
}
