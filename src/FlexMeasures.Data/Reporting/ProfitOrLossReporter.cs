using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Scheduling;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Units;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Reporting;

/// <summary>
/// FlexMeasures' ProfitOrLossReporter: the money an energy flow makes or costs per period. The input (one power or
/// energy sensor) is read as energy (MWh) per step of its own resolution; production (positive, unless the sensor says
/// <c>consumption_is_positive</c>) earns the production price, consumption pays the consumption price. The result is a
/// profit (gains positive), or a loss with <c>loss_is_positive</c>; it is summed into each output sensor's steps.
/// </summary>
public sealed class ProfitOrLossReporter : IReporter
{
    public const string ReporterName = "ProfitOrLossReporter";

    private readonly Sensor _consumptionPrice;
    private readonly Sensor _productionPrice;
    private readonly bool _lossIsPositive;
    private readonly string _currency;

    private ProfitOrLossReporter(Sensor consumptionPrice, Sensor productionPrice, bool lossIsPositive, string currency, JsonObject config)
    {
        _consumptionPrice = consumptionPrice;
        _productionPrice = productionPrice;
        _lossIsPositive = lossIsPositive;
        _currency = currency;
        Config = config;
    }

    public string Name => ReporterName;

    public string Version => "1";

    public JsonObject Config { get; }

    /// <summary>
    /// Reads the config: <c>consumption_price_sensor</c> and/or <c>production_price_sensor</c> (one stands in for a missing
    /// other, as in FlexMeasures), each a sensor of a price per energy in one currency; <c>loss_is_positive</c> (default false).
    /// </summary>
    /// <exception cref="InvalidInputException">Field <c>config.…</c>.</exception>
    public static async Task<ProfitOrLossReporter> FromConfigAsync(JsonObject config, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(db);
        ReportParameters.RequireKnown(config, ["consumption_price_sensor", "production_price_sensor", "loss_is_positive"], "config");
        var consumption = await PriceSensorAsync(config, "consumption_price_sensor", db, cancellationToken);
        var production = await PriceSensorAsync(config, "production_price_sensor", db, cancellationToken);
        if (consumption is null && production is null)
        {
            throw new InvalidInputException("config.consumption_price_sensor", "At least one of the two price sensors, consumption or production, is required.");
        }

        consumption ??= production!;
        production ??= consumption;
        var currency = Prices.CurrencyOf(consumption.Unit, "MWh")!;
        if (Prices.CurrencyOf(production.Unit, "MWh") != currency)
        {
            throw new InvalidInputException("config.production_price_sensor", $"prices in '{production.Unit}' and '{consumption.Unit}' are not in one currency");
        }

        var lossIsPositive = config["loss_is_positive"] switch
        {
            null => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            var other => throw new InvalidInputException("config.loss_is_positive", $"must be true or false, got {other.ToJsonString()}"),
        };
        var normalised = new JsonObject
        {
            ["consumption_price_sensor"] = consumption.Id,
            ["production_price_sensor"] = production.Id,
            ["loss_is_positive"] = lossIsPositive,
        };
        return new ProfitOrLossReporter(consumption, production, lossIsPositive, currency, normalised);
    }

    public async Task<IReadOnlyList<ReportResult>> ComputeAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        if (parameters.Inputs.Count != 1)
        {
            throw new InvalidInputException("parameters.input", $"the {ReporterName} takes one power or energy sensor, not {parameters.Inputs.Count}");
        }

        var input = parameters.Inputs[0];
        var flow = context.SensorOf(input);
        if (flow.EventResolution <= TimeSpan.Zero || !UnitConverter.AreConvertible(flow.Unit, "MWh"))
        {
            throw new InvalidInputException("parameters.input[0].sensor", $"Input sensor can only contain power or energy values; sensor {flow.Id} ({flow.Name}) has unit '{flow.Unit}' and resolution {Time.IsoDuration.Format(flow.EventResolution)}");
        }

        var resolution = parameters.Resolution ?? flow.EventResolution;
        var outputs = parameters.Outputs.Select((o, i) => (Sensor: context.SensorOf(o), Field: $"parameters.output[{i.ToString(CultureInfo.InvariantCulture)}].sensor")).ToList();
        foreach (var (sensor, field) in outputs)
        {
            if (!UnitConverter.AreConvertible(_currency, sensor.Unit))
            {
                throw new InvalidInputException(field, $"Output sensor unit can only be a currency, e.g. {_currency}; sensor {sensor.Id} ({sensor.Name}) has '{sensor.Unit}'");
            }

            if (sensor.EventResolution < resolution)
            {
                throw new InvalidInputException(field, $"sensor {sensor.Id} ({sensor.Name}) has a resolution of {Time.IsoDuration.Format(sensor.EventResolution)}, finer than the input's {Time.IsoDuration.Format(resolution)}: amounts of money cannot be split over shorter steps");
            }
        }

        var energy = await context.ReadAsync(input, resolution, "MWh", "parameters.input[0]", cancellationToken);
        var price = $"{_currency}/MWh";
        var consumptionPrice = await context.ReadAnySourceAsync(_consumptionPrice, resolution, price, "config.consumption_price_sensor", cancellationToken);
        var productionPrice = _productionPrice.Id == _consumptionPrice.Id
            ? consumptionPrice
            : await context.ReadAnySourceAsync(_productionPrice, resolution, price, "config.production_price_sensor", cancellationToken);

        // Production positive from here on, whichever way the sensor stores it.
        var toProductionPositive = -PowerSign.Of(flow.Attributes);
        var sign = _lossIsPositive ? -1 : 1;
        var money = new double?[energy.Steps.Count];
        for (var k = 0; k < money.Length; k++)
        {
            if (energy.Values[k] is { } e && consumptionPrice.Values[k] is { } cp && productionPrice.Values[k] is { } pp)
            {
                var produced = e * toProductionPositive;
                money[k] = sign * ((Math.Max(produced, 0) * pp) + (Math.Min(produced, 0) * cp));
            }
        }

        var name = _lossIsPositive ? "loss" : "profit";
        return [.. outputs.Select(o =>
        {
            var bins = Beliefs.Resampler.BinStarts(parameters.Start, parameters.End, o.Sensor.EventResolution, o.Sensor.Timezone);
            var conversion = UnitConverter.Between(_currency, o.Sensor.Unit);
            var sums = ReportSteps.Fold(energy.Steps, money, bins, (a, b) => a + b);
            return new ReportResult(name, o.Sensor, bins, [.. sums.Select(v => v is { } x ? conversion.Apply(x) : (double?)null)]);
        })];
    }

    private static async Task<Sensor?> PriceSensorAsync(JsonObject config, string key, FlexMeasuresDbContext db, CancellationToken cancellationToken)
    {
        if (config[key] is not { } node)
        {
            return null;
        }

        var id = ReportParameters.Id(node, $"config.{key}");
        var sensor = await db.Sensors.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new InvalidInputException($"config.{key}", $"no sensor with id {id}");
        return Prices.IsCurrencyPerEnergy(sensor.Unit)
            ? sensor
            : throw new InvalidInputException($"config.{key}", $"`{key}` has wrong units. Expected `Energy / Currency` but got `{sensor.Unit}`");
    }
}
