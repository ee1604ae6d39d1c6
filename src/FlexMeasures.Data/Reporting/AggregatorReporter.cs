using System.Globalization;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Units;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Reporting;

/// <summary>
/// FlexMeasures' AggregatorReporter: per step, one aggregate (<c>method</c>) of the inputs, each multiplied by its
/// weight first (<c>weights</c>, by input name; default 1). Inputs without a value at a step are left out of that step,
/// as pandas does; a step where no input has a value is a gap. Inputs are read at the output sensor's resolution, in the
/// output sensor's unit where theirs converts to it (else in their own, as FlexMeasures does), or in the input's <c>unit</c>.
/// </summary>
public sealed class AggregatorReporter : IReporter
{
    public const string ReporterName = "AggregatorReporter";

    /// <summary>FlexMeasures' methods (pandas aggregations); <c>var</c> and <c>std</c> are of a sample (n − 1).</summary>
    public static IReadOnlyList<string> Methods { get; } = ["sum", "mean", "min", "max", "median", "prod", "var", "std"];

    private readonly string _method;
    private readonly IReadOnlyDictionary<string, double> _weights;

    private AggregatorReporter(string method, IReadOnlyDictionary<string, double> weights, JsonObject config)
    {
        _method = method;
        _weights = weights;
        Config = config;
    }

    public string Name => ReporterName;

    public string Version => "1";

    public JsonObject Config { get; }

    /// <exception cref="InvalidInputException">Field <c>config.…</c>.</exception>
    public static AggregatorReporter FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        ReportParameters.RequireKnown(config, ["method", "weights"], "config");
        var method = config["method"] is { } m ? ReportParameters.Text(m, "config.method") : "sum";
        if (!Methods.Contains(method))
        {
            throw new InvalidInputException("config.method", $"'{method}' is not a method; use {string.Join(", ", Methods)}");
        }

        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        switch (config["weights"])
        {
            case null:
                break;
            case JsonObject given:
                foreach (var (name, value) in given)
                {
                    weights[name] = ReportParameters.TryNumber(value, out var weight)
                        ? weight
                        : throw new InvalidInputException($"config.weights.{name}", $"must be a number, got {value?.ToJsonString() ?? "null"}");
                }

                break;
            default:
                throw new InvalidInputException("config.weights", "must be an object of input names and numbers, e.g. {\"pv\": 1, \"consumption\": -1}");
        }

        var normalised = new JsonObject
        {
            ["method"] = method,
            ["weights"] = new JsonObject([.. weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => KeyValuePair.Create(w.Key, (JsonNode?)w.Value))]),
        };
        return new AggregatorReporter(method, weights, normalised);
    }

    public async Task<IReadOnlyList<ReportResult>> ComputeAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (output, resolution) = context.SingleOutput(ReporterName, resolutionMayDiffer: false);
        var inputs = context.Parameters.Inputs;
        if (_weights.Keys.FirstOrDefault(name => inputs.All(i => i.Name != name)) is { } unknown)
        {
            throw new InvalidInputException($"config.weights.{unknown}", $"no input is named '{unknown}' (inputs: {string.Join(", ", inputs.Select(i => i.Name))})");
        }

        var series = new List<(SensorSeries Series, double Weight)>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var sensor = context.SensorOf(input);
            var unit = input.Unit
                ?? (UnitConverter.AreConvertible(sensor.Unit, output.Unit, capacity: SensorUnits.Capacity(sensor)) ? output.Unit : sensor.Unit);
            series.Add((await context.ReadAsync(input, resolution, unit, $"parameters.input[{i.ToString(CultureInfo.InvariantCulture)}]", cancellationToken), _weights.GetValueOrDefault(input.Name, 1)));
        }

        var steps = ReportSteps.Common(series.Select(s => s.Series.Steps));
        var values = new double?[steps.Count];
        var present = new List<double>(series.Count);
        for (var k = 0; k < values.Length; k++)
        {
            present.Clear();
            foreach (var (s, weight) in series)
            {
                if (s.Values[k] is { } v)
                {
                    present.Add(v * weight);
                }
            }

            values[k] = present.Count == 0 ? null : Aggregate(_method, present);
        }

        return [new ReportResult("aggregate", output, steps, values)];
    }

    /// <summary>One aggregate of at least one value; null where pandas gives NaN (the variance of one value).</summary>
    internal static double? Aggregate(string method, IReadOnlyList<double> values)
    {
        switch (method)
        {
            case "sum":
                return values.Sum();
            case "mean":
                return values.Average();
            case "min":
                return values.Min();
            case "max":
                return values.Max();
            case "prod":
                return values.Aggregate(1.0, (a, b) => a * b);
            case "median":
                var sorted = values.Order().ToList();
                return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
            default:
                if (values.Count < 2)
                {
                    return null;
                }

                var mean = values.Average();
                var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
                return method == "var" ? variance : Math.Sqrt(variance);
        }
    }
}
