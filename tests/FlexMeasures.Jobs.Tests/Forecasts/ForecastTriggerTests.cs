using FlexMeasures.Data.Sensors;
using FlexMeasures.Jobs.Forecasts;

namespace FlexMeasures.Jobs.Tests.Forecasts;

public sealed class ForecastTriggerTests
{
    [Theory]
    [InlineData(5, "1 6 24 48")]
    [InlineData(15, "1 6 24 48")]
    [InlineData(30, "1 6 24 48")]
    [InlineData(60, "1 6 24 48")]
    [InlineData(360, "24 48")]
    [InlineData(1440, "24 48")]
    public void HorizonsFor_CoversEveryResolutionFromFiveMinutesToADay(int resolutionMinutes, string hours)
    {
        var sensor = new Sensor { Id = 3, Name = "meter", Unit = "kW", EventResolution = TimeSpan.FromMinutes(resolutionMinutes) };

        Assert.Equal(hours, string.Join(" ", ForecastTrigger.HorizonsFor(sensor).Select(h => h.TotalHours)));
        Assert.Null(ForecastTrigger.LeftOut(sensor));
    }

    [Theory]
    [InlineData(1, "resolution PT1M")]
    [InlineData(2880, "resolution P2D")]
    [InlineData(0, "instantaneous")]
    public void LeftOut_SaysWhyAndWhatToDoInstead_WhenTheResolutionIsOutsideTheRange(int resolutionMinutes, string described)
    {
        var sensor = new Sensor { Id = 3, Name = "meter", Unit = "kW", EventResolution = TimeSpan.FromMinutes(resolutionMinutes) };

        Assert.Empty(ForecastTrigger.HorizonsFor(sensor));
        Assert.Equal(
            $"sensor 3 ({described}) gets no forecasting jobs on new data: they cover resolutions from PT5M to P1D; use `flexmeasures add forecasts --sensor 3 --horizon …` instead",
            ForecastTrigger.LeftOut(sensor));
    }
}
