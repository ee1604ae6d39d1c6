using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Reporting;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Validation;
using FlexMeasures.Testing;
using static FlexMeasures.Data.Tests.Reporting.ReportingData;

namespace FlexMeasures.Data.Tests.Reporting;

/// <summary>The cases of FlexMeasures' test_pandas_reporter.py that the formula language expresses, on both providers.</summary>
public sealed class FormulaReporterTests
{
    [Theory]
    [BothProviders]
    public async Task Compute_SumsSource1OfBothSensors_AndAveragesPerTwoHoursCountedFromMidnight(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);
        var twoHourly = await AddSensorAsync(database, data, "two-hourly report", "", TimeSpan.FromHours(2));
        var config = new JsonObject { ["formula"] = "resample(sensor_1 + sensor_2, \"PT2H\")" };
        JsonObject Parameters(DateTime start) => ReportingData.Parameters(start, Utc(2023, 4, 10, 10),
            [Input(data.S1, "sensor_1", data.Source1), Input(data.S2, "sensor_2", data.Source1)], twoHourly, resolution: "PT1H");

        var first = (await ComputeAsync(database, FormulaReporter.ReporterName, config, Parameters(Utc(2023, 4, 10)))).Results[0];
        var again = (await ComputeAsync(database, FormulaReporter.ReporterName, config, Parameters(Utc(2023, 4, 10)))).Results[0];
        var later = (await ComputeAsync(database, FormulaReporter.ReporterName, config, Parameters(Utc(2023, 4, 10, 3)))).Results[0];

        // Per hour t, both sensors hold t; the two-hour means of 2t.
        Assert.Equal([1.0, 5, 9, 13, 17], Values(first));
        Assert.Equal(Utc(2023, 4, 10), first.Steps[0]);
        Assert.Equal(first.Values, again.Values);

        // From 03:00, pandas' bins still start at even hours: the first (02:00) holds only 03:00.
        Assert.Equal([6.0, 9, 13, 17], Values(later));
        Assert.Equal(Utc(2023, 4, 10, 2), later.Steps[0]);
    }

    [Theory]
    [BothProviders]
    public async Task Compute_GivesAnEmptyReport_WhenAnInputHasNoData_UnlessIfEmptySkipsTheStep(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);
        Task<ComputedReport> Report(string formula, DateTime start, params DataSource[] sources) => ComputeAsync(database, FormulaReporter.ReporterName, new JsonObject { ["formula"] = formula },
            Parameters(start, start.AddHours(10), [Input(data.S1, "sensor_1", sources), Input(data.S2, "sensor_2", sources)], data.ReportSensor));

        var available = Values((await Report("sensor_1 + sensor_2", Utc(2023, 4, 10), data.Source1)).Results[0]);
        var none = Values((await Report("sensor_1 + sensor_2", Utc(2021, 4, 10), data.Source1)).Results[0]);
        var partial = Values((await Report("sensor_1 + sensor_2", Utc(2023, 5, 11), data.Source1)).Results[0]);

        // FlexMeasures' skip_if_empty on sensor_1.add(sensor_2): sensor 2 has no data on 2023-05-11, sensor 1 has.
        var skipped = Values((await Report("sensor_1 + ifempty(sensor_2, 0)", Utc(2023, 5, 11))).Results[0]);
        var notSkipped = Values((await Report("sensor_1 + ifempty(sensor_2, 0)", Utc(2023, 5, 10))).Results[0]);

        Assert.Equal([0.0, 2, 4, 6, 8, 10, 12, 14, 16, 18], available);
        Assert.Empty(none);
        Assert.Empty(partial);
        Assert.Equal(Enumerable.Repeat(1.0, 10), skipped);
        Assert.Equal(Enumerable.Repeat(0.0, 10), notSkipped);
    }

    [Theory]
    [BothProviders]
    public async Task Compute_KeepsOnlyValuesInsideTheRange_WhenAboveAndBelowAreCombined(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);

        // FlexMeasures' valid-range case: values of sensor 1 greater than 3 and less than 7, the others dropped.
        var report = await ComputeAsync(database, FormulaReporter.ReporterName, new JsonObject { ["formula"] = "below(above(any_values, 3), 7)" },
            Parameters(Utc(2023, 4, 10), Utc(2023, 4, 11), [Input(data.S1, "any_values", data.Source1)], data.ReportSensor));

        Assert.Equal([4.0, 5, 6], Values(report.Results[0]));
        Assert.Equal([Utc(2023, 4, 10, 4), Utc(2023, 4, 10, 5), Utc(2023, 4, 10, 6)], report.Results[0].Steps.Where((_, i) => report.Results[0].Values[i] is not null));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "kW", "kW", 1.0)]
    [InlineData(DatabaseProvider.Sqlite, "MW", "MW", 0.001)]
    [InlineData(DatabaseProvider.Sqlite, "MWh", "MWh", 0.00025)]
    [InlineData(DatabaseProvider.Sqlite, "MW", "kWh", 0.25)]
    [InlineData(DatabaseProvider.Sqlite, "W", "kW", 1.0)]
    [InlineData(DatabaseProvider.Postgres, "kW", "kW", 1.0)]
    [InlineData(DatabaseProvider.Postgres, "MW", "MW", 0.001)]
    [InlineData(DatabaseProvider.Postgres, "MWh", "MWh", 0.00025)]
    [InlineData(DatabaseProvider.Postgres, "MW", "kWh", 0.25)]
    [InlineData(DatabaseProvider.Postgres, "W", "kW", 1.0)]
    public async Task Compute_ConvertsInputsAndResult_ToTheUnitsAsked(DatabaseProvider provider, string inputUnit, string outputUnit, double expected)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);
        var output = await AddSensorAsync(database, data, "converted", outputUnit, TimeSpan.FromMinutes(15));
        var input = Input(data.S4, "x");
        input["unit"] = inputUnit;

        var report = await ComputeAsync(database, FormulaReporter.ReporterName, new JsonObject { ["formula"] = "x" },
            Parameters(Utc(2023, 1, 1), Utc(2023, 1, 2), [input], output));

        // Sensor 4 holds one value an hour (FlexMeasures' fixture), so 24 of the day's 96 quarters have one.
        var values = Values(report.Results[0]);
        Assert.Equal(24, values.Count);
        Assert.All(values, v => Assert.Equal(expected, v, 12));
    }

    [Theory]
    [BothProviders]
    public async Task Compute_RefusesAFormula_ThatDoesNotFitTheInputsOrOutput(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);
        var parameters = Parameters(Utc(2023, 1, 1), Utc(2023, 1, 2), [Input(data.S4, "x")], data.ReportSensor, resolution: "PT15M");

        var syntax = await Assert.ThrowsAsync<InvalidInputException>(() => ComputeAsync(database, FormulaReporter.ReporterName, new JsonObject { ["formula"] = "x *" }, parameters));
        var name = await Assert.ThrowsAsync<InvalidInputException>(() => ComputeAsync(database, FormulaReporter.ReporterName, new JsonObject { ["formula"] = "y" }, parameters));
        var resolution = await Assert.ThrowsAsync<InvalidInputException>(() => ComputeAsync(database, FormulaReporter.ReporterName, new JsonObject { ["formula"] = "x" }, parameters));
        var unit = await Assert.ThrowsAsync<InvalidInputException>(() => ComputeAsync(database, FormulaReporter.ReporterName, new JsonObject { ["formula"] = "x" },
            Parameters(Utc(2023, 1, 1), Utc(2023, 1, 2), [Input(data.S4, "x")], data.ConsumptionPrice, resolution: "PT1H")));

        Assert.Equal("config.formula", syntax.Field);
        Assert.Equal("no input is named 'y' (inputs: x) (at position 1)", name.Message);
        Assert.StartsWith("gives values every PT15M, but output sensor", resolution.Message, StringComparison.Ordinal);
        Assert.StartsWith("gives values in 'kW', which cannot be stored on output sensor", unit.Message, StringComparison.Ordinal);
    }

    private static async Task<Sensor> AddSensorAsync(TestDatabase database, ReportingData data, string name, string unit, TimeSpan resolution)
    {
        await using var db = database.CreateContext();
        var sensor = new Sensor { Name = name, Unit = unit, Timezone = "UTC", EventResolution = resolution, GenericAssetId = data.ReportSensor.GenericAssetId };
        db.Sensors.Add(sensor);
        await db.SaveChangesAsync();
        return sensor;
    }
}
