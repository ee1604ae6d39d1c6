using System.Text.Json.Nodes;
using FlexMeasures.Data.Scheduling;

namespace FlexMeasures.Data.Tests.Scheduling;

public sealed class FlexParserTests
{
    private static readonly string[] FlexModelPath = ["flex-model"];
    private static readonly string[] FlexContextPath = ["flex-context"];

    [Theory]
    [InlineData("""{"soc-at-start": "20 kWh"}""", 0.02)]
    [InlineData("""{"soc-at-start": 0.5}""", 0.5)]
    [InlineData("""{"soc-at-start": 500, "soc-unit": "kWh"}""", 0.5)]
    [InlineData("""{"soc-at-start": "50%", "soc-max": "2 MWh"}""", 1.0)]
    [InlineData("""{"soc-at-start": "1.5MWh"}""", 1.5)]
    public void Storage_ConvertsSocToMwh_WhenGivenInAnyEnergyUnit(string json, double expected)
    {
        var errors = new FlexErrors();

        var (model, _) = FlexParser.Storage(JsonNode.Parse(json)!.AsObject(), FlexModelPath, errors);

        Assert.False(errors.Any, string.Join("; ", errors.Lines));
        Assert.Equal(expected, model!.SocAtStart!.Value, 9);
    }

    [Fact]
    public void Storage_ReadsBareSocNumbersAsKwh_WhenThePowerSensorIsInKw()
    {
        var errors = new FlexErrors();

        var (model, _) = FlexParser.Storage(JsonNode.Parse("""{"soc-at-start": 250}""")!.AsObject(), FlexModelPath, errors, powerSensorUnit: "kW");

        Assert.Equal(0.25, model!.SocAtStart!.Value, 9);
    }

    [Theory]
    [InlineData("""{"power-capacity": "-1 MW"}""", "flex-model.power-capacity", "Must be greater than or equal to 0.")]
    [InlineData("""{"consumption-capacity": "-5 kW"}""", "flex-model.consumption-capacity", "Must be greater than or equal to 0.")]
    [InlineData("""{"soc-min": "3 MWh", "soc-max": "2 MWh"}""", "flex-model.soc-min", "Must not exceed soc-max")]
    [InlineData("""{"soc-min": "-1 kWh"}""", "flex-model.soc-min", "Must be greater than or equal to 0.")]
    [InlineData("""{"soc-maxi": "1 MWh"}""", "flex-model.soc-maxi", "Unknown field.")]
    [InlineData("""{"soc-at-start": "20 kW"}""", "flex-model.soc-at-start", "Cannot convert value '20 kW' to 'MWh'.")]
    [InlineData("""{"power-capacity": "20 kWh"}""", "flex-model.power-capacity", "Cannot convert value '20 kWh' to 'MW'.")]
    [InlineData("""{"soc-at-start": "50%"}""", "flex-model.soc-at-start", "a percentage needs soc-max")]
    [InlineData("""{"charging-efficiency": "120%"}""", "flex-model.charging-efficiency", "less than or equal to 100%")]
    [InlineData("""{"roundtrip-efficiency": "90%", "charging-efficiency": "95%"}""", "flex-model.roundtrip-efficiency", "mutually exclusive")]
    [InlineData("""{"soc-unit": "Wh"}""", "flex-model.soc-unit", "Must be one of")]
    [InlineData("""{"power-capacity": "lots"}""", "flex-model.power-capacity", "Not a valid quantity")]
    [InlineData("""{"power-capacity": {"sensor": 1, "x": 2}}""", "flex-model.power-capacity", "Not a valid quantity, sensor reference or time series")]
    [InlineData("""{"soc-targets": [{"start": "2025-01-01T10:00", "value": "1 MWh"}]}""", "flex-model.soc-targets.0.start", "Not a valid aware datetime.")]
    [InlineData("""{"soc-targets": [{"datetime": "2025-01-01T10:00+01:00"}]}""", "flex-model.soc-targets.0.value", "Missing data for required field.")]
    [InlineData("""{"soc-minima": [{"start": "2025-01-01T10:00+01:00", "end": "2025-01-01T09:00+01:00", "value": 1}]}""", "flex-model.soc-minima.0.end", "Must not be before the start.")]
    [InlineData("""{"state-of-charge": "5 MWh"}""", "flex-model.state-of-charge", "Not a sensor reference")]
    public void Storage_NamesTheField_WhenAValueIsWrong(string json, string field, string message)
    {
        var errors = new FlexErrors();

        var (model, _) = FlexParser.Storage(JsonNode.Parse(json)!.AsObject(), FlexModelPath, errors);

        Assert.Null(model);
        Assert.Contains(errors.Lines, line => line.StartsWith(field + ": ", StringComparison.Ordinal) && line.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Storage_NestsErrorsByPath_AsMarshmallowDoes()
    {
        var errors = new FlexErrors();

        FlexParser.Storage(JsonNode.Parse("""{"soc-min": "-1 kWh"}""")!.AsObject(), ["flex-model", "1"], errors);

        Assert.Equal("""{"flex-model":{"1":{"soc-min":["Must be greater than or equal to 0."]}}}""", errors.ToJson().ToJsonString());
    }

    [Fact]
    public void Storage_ReadsTimeSeriesAndSensors_WhenGiven()
    {
        var errors = new FlexErrors();
        var json = """
            {
              "sensor": 4,
              "soc-at-start": "10 kWh",
              "soc-max": "100 kWh",
              "soc-targets": [{"datetime": "2025-01-01T10:00:00+01:00", "value": "80%"}],
              "soc-minima": [{"start": "2025-01-01T12:00:00+01:00", "duration": "PT2H", "value": "20 kWh"}],
              "power-capacity": {"sensor": 7},
              "state-of-charge": {"sensor": 8},
              "roundtrip-efficiency": "81%",
              "soc-usage": ["1 kW"],
              "prefer-charging-sooner": false
            }
            """;

        var (model, references) = FlexParser.Storage(JsonNode.Parse(json)!.AsObject(), FlexModelPath, errors);

        Assert.False(errors.Any, string.Join("; ", errors.Lines));
        Assert.Equal(4, model!.Sensor);
        var target = Assert.Single(Assert.IsType<SeriesValue>(model.SocTargets).Segments);
        Assert.Equal(new DateTime(2025, 1, 1, 9, 0, 0, DateTimeKind.Utc), target.Start);
        Assert.Equal(target.Start, target.End);
        Assert.Equal(0.08, target.Value, 9);
        var minimum = Assert.Single(Assert.IsType<SeriesValue>(model.SocMinima).Segments);
        Assert.Equal(TimeSpan.FromHours(2), minimum.End - minimum.Start);
        Assert.Equal(new SensorValue(7), model.PowerCapacity);
        Assert.Equal(8, model.StateOfCharge);
        Assert.Equal(0.81, model.RoundtripEfficiency!.Value, 9);
        Assert.Equal(0.001, Assert.IsType<FixedValue>(Assert.Single(model.SocUsage)).Value, 9);
        Assert.False(model.PreferChargingSooner);
        Assert.Equal([4, 7, 8], references.Select(r => r.SensorId).Order());
    }

    [Theory]
    [InlineData("""{"consumption-price": "0.3 EUR/kWh"}""", 300.0, "EUR")]
    [InlineData("""{"consumption-price": "30 KRW/MWh"}""", 30.0, "KRW")]
    public void Context_ConvertsPricesToCurrencyPerMwh_WhenGivenPerKwh(string json, double expected, string currency)
    {
        var errors = new FlexErrors();

        var (context, _) = FlexParser.Context(JsonNode.Parse(json)!.AsObject(), FlexContextPath, errors);

        Assert.False(errors.Any, string.Join("; ", errors.Lines));
        Assert.Equal(expected, Assert.IsType<FixedValue>(context!.ConsumptionPrice).Value, 9);
        Assert.Equal(currency, context.Currency);
        Assert.True(context.SoftSoc);
        Assert.True(context.SoftSiteCapacity);
        Assert.False(context.RelaxCapacityConstraints);
    }

    [Theory]
    [InlineData("""{"consumption-price": "30 EUR/MWh", "production-price": "30 USD/MWh"}""", "flex-context.production-price", "same currency")]
    [InlineData("""{"consumption-price": "30 EUR/MW"}""", "flex-context.consumption-price", "Cannot convert value '30 EUR/MW' to a price per MWh")]
    [InlineData("""{"consumption-price": 30}""", "flex-context.consumption-price", "A price needs its unit, e.g. \"30 EUR/MWh\"")]
    [InlineData("""{"site-power-capacity": "-2 kW"}""", "flex-context.site-power-capacity", "Must be greater than or equal to 0.")]
    [InlineData("""{"site-consumption-breach-price": "10 EUR/kWh"}""", "flex-context.site-consumption-breach-price", "to a price per MW")]
    [InlineData("""{"relax-constraints": "yes"}""", "flex-context.relax-constraints", "Not a valid boolean.")]
    [InlineData("""{"inflexible-device-sensors": ["a"]}""", "flex-context.inflexible-device-sensors.0", "Not a valid sensor id.")]
    [InlineData("""{"price": "3 EUR/MWh"}""", "flex-context.price", "Unknown field.")]
    public void Context_NamesTheField_WhenAValueIsWrong(string json, string field, string message)
    {
        var errors = new FlexErrors();

        var (context, _) = FlexParser.Context(JsonNode.Parse(json)!.AsObject(), FlexContextPath, errors);

        Assert.Null(context);
        Assert.Contains(errors.Lines, line => line.StartsWith(field + ": ", StringComparison.Ordinal) && line.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Context_TakesTheDeprecatedPriceSensorField_WhenTheNewOneIsAbsent()
    {
        var errors = new FlexErrors();

        var (context, references) = FlexParser.Context(JsonNode.Parse("""{"consumption-price-sensor": 5, "inflexible-device-sensors": [6, 7]}""")!.AsObject(), FlexContextPath, errors);

        Assert.Equal(new SensorValue(5), context!.ConsumptionPrice);
        Assert.Equal([6, 7], context.InflexibleDeviceSensors);
        Assert.Equal(QuantityKind.EnergyPrice, references.Single(r => r.SensorId == 5).Kind);
    }

    [Theory]
    [InlineData("""{"power": "2 kW", "duration": "PT1H", "process-type": "SHIFTABLE"}""", 0.002, "SHIFTABLE", false)]
    [InlineData("""{"power": 0.4, "duration": "PT30M", "optimization-sense": "MAX"}""", 0.4, "INFLEXIBLE", true)]
    public void Process_ReadsPowerTypeAndSense_WithFlexMeasuresDefaults(string json, double power, string type, bool maximize)
    {
        var errors = new FlexErrors();

        var (model, _) = FlexParser.Process(JsonNode.Parse(json)!.AsObject(), FlexModelPath, errors);

        Assert.False(errors.Any, string.Join("; ", errors.Lines));
        Assert.Equal(power, model!.Power, 9);
        Assert.Equal(type, model.ProcessType);
        Assert.Equal(maximize, model.Maximize);
    }

    [Theory]
    [InlineData("""{"duration": "PT1H"}""", "flex-model.power", "Missing data for required field.")]
    [InlineData("""{"power": "1 MW"}""", "flex-model.duration", "Missing data for required field.")]
    [InlineData("""{"power": "1 MW", "duration": "PT1H", "process-type": "LAZY"}""", "flex-model.process-type", "Must be one of")]
    [InlineData("""{"power": "1 MW", "duration": "PT1H", "time-restrictions": [{"start": "2025-01-01T00:00+00:00", "duration": "PT1H", "value": 1}]}""", "flex-model.time-restrictions.0.value", "Unknown field.")]
    public void Process_NamesTheField_WhenAValueIsWrong(string json, string field, string message)
    {
        var errors = new FlexErrors();

        var (model, _) = FlexParser.Process(JsonNode.Parse(json)!.AsObject(), FlexModelPath, errors);

        Assert.Null(model);
        Assert.Contains(errors.Lines, line => line.StartsWith(field + ": ", StringComparison.Ordinal) && line.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Lay_PutsSocInstantsOnStepEnds_AndFlowsOnStepStarts()
    {
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var window = new ScheduleWindow(start, TimeSpan.FromHours(1), 4, start);
        var states = new double?[4];
        var flows = new double?[4];

        FlexSeriesResolver.Lay([new TimedValue(start.AddHours(2), start.AddHours(2), 5)], instants: true, window, states);
        FlexSeriesResolver.Lay([new TimedValue(start.AddHours(1), start.AddHours(3), 7)], instants: false, window, flows);

        Assert.Equal([null, 5, null, null], states);
        Assert.Equal([null, 7, 7, null], flows);
    }
}
