using FlexMeasures.Jobs.Forecasts;
using FlexMeasures.Jobs.Queue;
using Hangfire.Common;

namespace FlexMeasures.Jobs.Tests.Queue;

public sealed class JobTextTests
{
    private static readonly DateTime Start = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly double[] Levels = [0.1, 0.5, 0.9];

    [Fact]
    public void Describe_ListsTheQuantileLevels_WhenAForecastJobHasThem()
    {
        var job = Job.FromExpression<ForecastJob>(j => j.RunAsync(1, Start, Start.AddDays(1), TimeSpan.FromDays(2), "auto", Levels, CancellationToken.None));

        Assert.Equal("ForecastJob(1, 2024-03-01T00:00Z, 2024-03-02T00:00Z, P2D, auto, [0.1 0.5 0.9])", JobText.Describe(job));
    }

    [Fact]
    public void Describe_SaysNull_WhenAForecastJobHasNoQuantiles()
    {
        var job = Job.FromExpression<ForecastJob>(j => j.RunAsync(1, Start, Start.AddDays(1), TimeSpan.FromHours(6), "auto", null, CancellationToken.None));

        Assert.Equal("ForecastJob(1, 2024-03-01T00:00Z, 2024-03-02T00:00Z, PT6H, auto, null)", JobText.Describe(job));
    }
}
