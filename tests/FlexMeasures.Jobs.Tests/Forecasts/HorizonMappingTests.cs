using FlexMeasures.Data.Sensors;
using FlexMeasures.Jobs.Forecasts;

namespace FlexMeasures.Jobs.Tests.Forecasts;

public sealed class HorizonMappingTests
{
    private static readonly DateTime Noon = new(2021, 3, 28, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(15, 60, 45)]
    [InlineData(60, 360, 300)]
    [InlineData(15, 10, 0)]
    public void LibraryHorizon_CountsFromTheEventStart_ForExPostSensors(int resolutionMinutes, int beliefHorizonMinutes, int expectedMinutes)
    {
        var sensor = new Sensor { Name = "meter", EventResolution = TimeSpan.FromMinutes(resolutionMinutes) };

        var horizon = HorizonMapping.LibraryHorizon(sensor, TimeSpan.FromMinutes(beliefHorizonMinutes), [Noon, Noon.AddMinutes(resolutionMinutes)]);

        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), horizon);
    }

    [Fact]
    public void LibraryHorizon_TakesTheMostCautiousEvent_ForDayAheadPrices()
    {
        // Known the day before at 12:00 Paris: the 00:00 event is 12 h after its knowledge time, the 23:00 event 35 h.
        var prices = new Sensor
        {
            Name = "prices",
            EventResolution = TimeSpan.FromHours(1),
            KnowledgeHorizonFnc = "x_days_ago_at_y_oclock",
            KnowledgeHorizonPar = """{"x": 1, "y": 12, "z": "Europe/Paris"}""",
        };
        var day = new DateTime(2021, 6, 1, 22, 0, 0, DateTimeKind.Utc);

        var horizon = HorizonMapping.LibraryHorizon(prices, TimeSpan.FromHours(24), [day, day.AddHours(23)]);

        Assert.Equal(TimeSpan.FromHours(24 + 35), horizon);
    }
}
