using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Reporting;
using FlexMeasures.Data.Validation;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static FlexMeasures.Data.Tests.Reporting.ReportingData;

namespace FlexMeasures.Data.Tests.Reporting;

/// <summary>FlexMeasures' test_profit_reporter.py, on both providers; and what storing a report does.</summary>
public sealed class ProfitOrLossReporterTests
{
    public static TheoryData<DatabaseProvider, bool, bool> Cases()
    {
        var data = new TheoryData<DatabaseProvider, bool, bool>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var (power, loss) in new[] { (false, false), (true, false), (false, true), (true, true) })
            {
                data.Add(provider, power, loss);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Compute_GivesProfitPerHourAndDay_FromPowerOrEnergy(DatabaseProvider provider, bool usePowerSensor, bool lossIsPositive)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);
        var config = new JsonObject
        {
            ["consumption_price_sensor"] = data.ConsumptionPrice.Id,
            ["production_price_sensor"] = data.ProductionPrice.Id,
            ["loss_is_positive"] = lossIsPositive,
        };
        var parameters = Parameters(InAmsterdam(2015, 1, 3), InAmsterdam(2015, 1, 4), [Input(usePowerSensor ? data.Power : data.Energy)], data.ProfitHourly);
        parameters["output"]!.AsArray().Add(new JsonObject { ["sensor"] = data.ProfitDaily.Id });

        var report = await ComputeAsync(database, ProfitOrLossReporter.ReporterName, config, parameters);

        var sign = lossIsPositive ? -1 : 1;
        var hourly = Values(report.Results[0]);
        var daily = Values(report.Results[1]);
        Assert.Equal(TimeSpan.FromHours(1), report.Results[0].Sensor.EventResolution);
        Assert.Equal(lossIsPositive ? "loss" : "profit", report.Results[0].Name);

        // Producing 0.1 MWh an hour at −50 EUR/MWh, consuming it at −10, producing at 60, consuming at 100.
        Assert.All(hourly[0..4], v => Assert.Equal(-5 * sign, v, 9));
        Assert.All(hourly[4..8], v => Assert.Equal(1 * sign, v, 9));
        Assert.All(hourly[8..12], v => Assert.Equal(6 * sign, v, 9));
        Assert.All(hourly[12..16], v => Assert.Equal(-10 * sign, v, 9));
        Assert.Equal(hourly.Sum(), Assert.Single(daily), 9);
        Assert.Equal(-48 * sign, daily[0], 9);
    }

    [Theory]
    [BothProviders]
    public async Task Store_StoresUnderAReporterSource_AndNothingTwice_WhenRecomputed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);
        var config = new JsonObject { ["consumption_price_sensor"] = data.ConsumptionPrice.Id, ["production_price_sensor"] = data.ProductionPrice.Id };
        var parameters = Parameters(InAmsterdam(2015, 1, 3), InAmsterdam(2015, 1, 4), [Input(data.Power)], data.ProfitHourly);

        var first = await StoreAsync(database, config, parameters);
        var again = await StoreAsync(database, config, parameters);
        var otherConfig = await StoreAsync(database, new JsonObject { ["consumption_price_sensor"] = data.ConsumptionPrice.Id }, parameters);

        Assert.Equal(24L, first.Stored);
        Assert.Equal(0L, again.Stored);
        Assert.Equal(first.SourceId, again.SourceId);
        Assert.NotEqual(first.SourceId, otherConfig.SourceId);
        await using var db = database.CreateContext();
        var source = await db.DataSources.SingleAsync(s => s.Id == first.SourceId);
        Assert.Equal(("FlexMeasures", "reporter", "ProfitOrLossReporter", "1"), (source.Name, source.Type, source.Model, source.Version));
        var attributes = JsonNode.Parse(source.Attributes)!;
        Assert.Equal(data.ProductionPrice.Id, attributes["data_generator"]!["config"]!["production_price_sensor"]!.GetValue<int>());
        Assert.Equal(48, await db.TimedBeliefs.CountAsync(b => b.SensorId == data.ProfitHourly.Id));
    }

    [Theory]
    [BothProviders]
    public async Task Compute_NamesTheField_WhenAPriceSensorIsNotAPrice_OrTheInputIsNotEnergy(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var data = await SeedAsync(database);
        var parameters = Parameters(InAmsterdam(2015, 1, 3), InAmsterdam(2015, 1, 4), [Input(data.Power)], data.ProfitHourly);

        var none = await Assert.ThrowsAsync<InvalidInputException>(() => ComputeAsync(database, ProfitOrLossReporter.ReporterName, [], parameters));
        var notPrice = await Assert.ThrowsAsync<InvalidInputException>(() => ComputeAsync(database, ProfitOrLossReporter.ReporterName, new JsonObject { ["production_price_sensor"] = data.Power.Id }, parameters));
        var notEnergy = await Assert.ThrowsAsync<InvalidInputException>(() => ComputeAsync(database, ProfitOrLossReporter.ReporterName, new JsonObject { ["consumption_price_sensor"] = data.ConsumptionPrice.Id },
            Parameters(InAmsterdam(2015, 1, 3), InAmsterdam(2015, 1, 4), [Input(data.S2)], data.ProfitHourly)));

        Assert.Equal("config.consumption_price_sensor", none.Field);
        Assert.Equal(("config.production_price_sensor", "`production_price_sensor` has wrong units. Expected `Energy / Currency` but got `MW`"), (notPrice.Field, notPrice.Message));
        Assert.Equal("parameters.input[0].sensor", notEnergy.Field);
    }

    private static async Task<StoredReport> StoreAsync(TestDatabase database, JsonObject config, JsonObject parameters)
    {
        await using var scope = database.Services.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        var report = await reports.ComputeAsync(new ReportRequest(ProfitOrLossReporter.ReporterName, config, parameters, SaveConfig: true), CancellationToken.None);
        return await reports.StoreAsync(report, CancellationToken.None);
    }
}
