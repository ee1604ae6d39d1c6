using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Reporting;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Validation;
using FlexMeasures.Testing;
using static FlexMeasures.Data.Tests.Reporting.ReportingData;

namespace FlexMeasures.Data.Tests.Reporting;

/// <summary>FlexMeasures' test_aggregator.py cases, on both providers.</summary>
public sealed class AggregatorReporterTests
{
    private static readonly DateTime BeliefTime = InAmsterdam(2023, 12, 1);

    public static TheoryData<DatabaseProvider, string, double> Methods()
    {
        var data = new TheoryData<DatabaseProvider, string, double>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var (method, expected) in new[] { ("sum", 0), ("mean", 0), ("var", 2), ("std", Math.Sqrt(2)), ("max", 1), ("min", -1), ("prod", -1), ("median", 0) })
            {
                data.Add(provider, method, expected);
            }
        }

        return data;
    }

    public static TheoryData<DatabaseProvider, double, double, double> Weights()
    {
        var data = new TheoryData<DatabaseProvider, double, double, double>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var (w1, w2, expected) in new[] { (1.0, 1.0, 0.0), (1, -1, 2), (2, 0, 2), (0, 2, -2) })
            {
                data.Add(provider, w1, w2, expected);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Compute_AggregatesPerHour_WithEachMethod(DatabaseProvider provider, string method, double expected)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);

        var report = await ComputeAsync(database, AggregatorReporter.ReporterName, new JsonObject { ["method"] = method },
            Parameters(Utc(2023, 5, 10), Utc(2023, 5, 11), [Input(data.S1, null, data.Source1), Input(data.S2, null, data.Source2)], data.ReportSensor));

        var values = Values(Assert.Single(report.Results));
        Assert.Equal(24, values.Count);
        Assert.All(values, v => Assert.Equal(expected, v, 12));
    }

    [Theory]
    [MemberData(nameof(Weights))]
    public async Task Compute_WeighsInputsByName_WhenWeightsAreGiven(DatabaseProvider provider, double weight1, double weight2, double expected)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);

        // The second input has no name: FlexMeasures calls it sensor_<id>.
        var config = new JsonObject { ["method"] = "sum", ["weights"] = new JsonObject { ["s1"] = weight1, [$"sensor_{data.S2.Id}"] = weight2 } };
        var report = await ComputeAsync(database, AggregatorReporter.ReporterName, config,
            Parameters(Utc(2023, 5, 10), Utc(2023, 5, 11), [Input(data.S1, "s1", data.Source1), Input(data.S2, null, data.Source2)], data.ReportSensor));

        var values = Values(Assert.Single(report.Results));
        Assert.Equal(24, values.Count);
        Assert.All(values, v => Assert.Equal(expected, v, 12));
    }

    [Theory]
    [BothProviders]
    public async Task Compute_Gives23And25Hours_OnDaylightSavingDays(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);

        var spring = await ComputeAsync(database, AggregatorReporter.ReporterName, [],
            Parameters(InAmsterdam(2023, 3, 26), InAmsterdam(2023, 3, 27), [Input(data.S3, null, data.Source1)], data.ReportSensor, BeliefTime));
        var autumn = await ComputeAsync(database, AggregatorReporter.ReporterName, [],
            Parameters(InAmsterdam(2023, 10, 29), InAmsterdam(2023, 10, 30), [Input(data.S3, null, data.Source1)], data.ReportSensor, BeliefTime));

        Assert.Equal(23, Values(spring.Results[0]).Count);
        Assert.Equal(25, Values(autumn.Results[0]).Count);
    }

    [Theory]
    [BothProviders]
    public async Task Compute_StartsDailyReportsAtLocalMidnight_WhenResampledToDays(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);

        var spring = await ComputeAsync(database, AggregatorReporter.ReporterName, [],
            Parameters(InAmsterdam(2023, 3, 27), InAmsterdam(2023, 3, 28), [Input(data.S3, null, data.Source1)], data.DailyReportSensor, BeliefTime, "P1D"));
        var autumn = await ComputeAsync(database, AggregatorReporter.ReporterName, [],
            Parameters(InAmsterdam(2023, 10, 29), InAmsterdam(2023, 10, 30), [Input(data.S3, null, data.Source1)], data.DailyReportSensor, BeliefTime, "P1D"));

        Assert.Equal([InAmsterdam(2023, 3, 27)], spring.Results[0].Steps);
        Assert.Equal([InAmsterdam(2023, 10, 29)], autumn.Results[0].Steps);

        // The mean of the 25 hourly values t = 46 … 70 of that day (t counts hours from 2023-10-27 00:00 UTC).
        Assert.Equal(58.0, autumn.Results[0].Values[0]!.Value, 9);
    }

    [Theory]
    [BothProviders]
    public async Task Compute_TakesTheFirstListedSource_AndRefusesMixedSources_WhenNoSourceIsNamed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);
        Task<ComputedReport> Report(params DataSource[] sources) => ComputeAsync(database, AggregatorReporter.ReporterName, [],
            Parameters(Utc(2023, 4, 24), Utc(2023, 4, 25), [Input(data.S3, null, sources)], data.ReportSensor, BeliefTime));

        var both = Values((await Report(data.Source1, data.Source2)).Results[0]);
        var first = Values((await Report(data.Source1)).Results[0]);
        var second = Values((await Report(data.Source2)).Results[0]);
        var mixed = await Assert.ThrowsAsync<InvalidInputException>(() => Report());

        Assert.Equal([.. Enumerable.Repeat(1.0, 13), .. Enumerable.Repeat(-1.0, 11)], both);
        Assert.Equal(Enumerable.Repeat(1.0, 13), first);
        Assert.Equal(Enumerable.Repeat(-1.0, 12), second);
        Assert.Equal("parameters.input[0].sources", mixed.Field);
        Assert.Contains("several sources", mixed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Compute_TakesTheLatestVersionPerEvent_WhenVersionsOfOneSourceOverlap(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);

        // From 18:00, sensor 3 holds -1 from source 2 and, for 23:00 only, 3 from its version 0.2: no source needs naming.
        var unnamed = await ComputeAsync(database, AggregatorReporter.ReporterName, [],
            Parameters(Utc(2023, 4, 24, 18), Utc(2023, 4, 25), [Input(data.S3)], data.ReportSensor, BeliefTime));
        var bothNamed = await ComputeAsync(database, AggregatorReporter.ReporterName, [],
            Parameters(Utc(2023, 4, 24, 18), Utc(2023, 4, 25), [Input(data.S3, null, data.Source2, data.Source2V02)], data.ReportSensor, BeliefTime));

        Assert.Equal([-1.0, -1, -1, -1, -1, 3], Values(unnamed.Results[0]));
        Assert.Equal([-1.0, -1, -1, -1, -1, 3], Values(bothNamed.Results[0]));
    }

    [Theory]
    [BothProviders]
    public async Task Compute_NamesTheField_WhenTheConfigOrParametersAreWrong(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);
        var parameters = Parameters(Utc(2023, 5, 10), Utc(2023, 5, 11), [Input(data.S1, "s1", data.Source1)], data.ReportSensor);

        var method = await Assert.ThrowsAsync<InvalidInputException>(() => ComputeAsync(database, AggregatorReporter.ReporterName, new JsonObject { ["method"] = "average" }, parameters));
        var weight = await Assert.ThrowsAsync<InvalidInputException>(() => ComputeAsync(database, AggregatorReporter.ReporterName, new JsonObject { ["weights"] = new JsonObject { ["pv"] = 1 } }, parameters));
        var typo = await Assert.ThrowsAsync<InvalidInputException>(() => ComputeAsync(database, AggregatorReporter.ReporterName, new JsonObject { ["methd"] = "sum" }, parameters));
        parameters["input"]![0]!["sensor"] = 999;
        var sensor = await Assert.ThrowsAsync<InvalidInputException>(() => ComputeAsync(database, AggregatorReporter.ReporterName, [], parameters));

        Assert.Equal(("config.method", "'average' is not a method; use sum, mean, min, max, median, prod, var, std"), (method.Field, method.Message));
        Assert.Equal("config.weights.pv", weight.Field);
        Assert.Equal("config.methd", typo.Field);
        Assert.Equal(("parameters.input[0].sensor", "no sensor with id 999"), (sensor.Field, sensor.Message));
    }
}
