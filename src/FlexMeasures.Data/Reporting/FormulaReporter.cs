using System.Globalization;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Reporting.Formula;
using FlexMeasures.Data.Units;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Reporting;

/// <summary>
/// A report computed by a formula over named input series (config <c>formula</c>), in the spirit of FlexMeasures'
/// PandasReporter without running arbitrary code: the formula is parsed (<see cref="FormulaParser"/>) and checked
/// (<see cref="FormulaCheck"/>) before any data is read. Inputs are read at the report's resolution in their own unit
/// (or the input's <c>unit</c>); a result whose unit is known is converted to the output sensor's.
/// </summary>
public sealed class FormulaReporter : IReporter
{
    public const string ReporterName = "FormulaReporter";

    private readonly FormulaNode _formula;

    private FormulaReporter(FormulaNode formula, JsonObject config)
    {
        _formula = formula;
        Config = config;
    }

    public string Name => ReporterName;

    public string Version => "1";

    public JsonObject Config { get; }

    /// <exception cref="InvalidInputException">Field <c>config.formula</c>: missing, or a syntax or shape error with its position.</exception>
    public static FormulaReporter FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        ReportParameters.RequireKnown(config, ["formula"], "config");
        var text = config["formula"] is { } f
            ? ReportParameters.Text(f, "config.formula")
            : throw new InvalidInputException("config.formula", "is required, e.g. {\"formula\": \"max(pv - consumption, 0)\"}");
        var formula = FormulaParser.Parse(text, "config.formula");
        FormulaCheck.CheckShape(formula, "config.formula");
        return new FormulaReporter(formula, new JsonObject { ["formula"] = text });
    }

    public async Task<IReadOnlyList<ReportResult>> ComputeAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (output, resolution) = context.SingleOutput(ReporterName, resolutionMayDiffer: true);
        var inputs = context.Parameters.Inputs;
        // An empty unit says nothing (FlexMeasures' default for a sensor), so it is not checked against others.
        var units = inputs.ToDictionary(i => i.Name, i => i.Unit ?? context.SensorOf(i).Unit, StringComparer.Ordinal);
        var types = units.ToDictionary(
            u => u.Key,
            u => new FormulaType(FormulaKind.Series, u.Value.Length == 0 ? null : u.Value, resolution),
            StringComparer.Ordinal);
        var result = FormulaCheck.Check(_formula, types, "config.formula");
        if (output.EventResolution > TimeSpan.Zero && result.Resolution != output.EventResolution)
        {
            throw new InvalidInputException(
                "config.formula",
                $"gives values every {Time.IsoDuration.Format(result.Resolution)}, but output sensor {output.Id} ({output.Name}) has a resolution of {Time.IsoDuration.Format(output.EventResolution)}; read the inputs at that resolution or resample");
        }

        UnitConversion conversion;
        try
        {
            // An output sensor without a unit takes the values as they are, as FlexMeasures stores them.
            conversion = result.Unit is { } unit && output.Unit.Length > 0
                ? UnitConverter.Between(unit, output.Unit, result.Resolution, SensorUnits.Capacity(output))
                : UnitConversion.Identity;
        }
        catch (UnitConversionException e)
        {
            throw new InvalidInputException("config.formula", $"gives values in '{result.Unit}', which cannot be stored on output sensor {output.Id} in '{output.Unit}': {e.Message}");
        }

        var series = new Dictionary<string, FormulaSeries>(StringComparer.Ordinal);
        var used = FormulaCheck.Names(_formula);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (used.Contains(inputs[i].Name))
            {
                var read = await context.ReadAsync(inputs[i], resolution, units[inputs[i].Name], $"parameters.input[{i.ToString(CultureInfo.InvariantCulture)}]", cancellationToken);
                series[inputs[i].Name] = new FormulaSeries(read.Steps, read.Values, resolution);
            }
        }

        ReportSteps.Common(series.Values.Select(s => s.Steps));
        var evaluated = new FormulaEvaluation(context.Parameters.Start, context.Parameters.End, output.Timezone).Evaluate(_formula, series);
        var name = context.Parameters.Outputs[0].Name ?? "formula";
        return [new ReportResult(name, output, evaluated.Steps, [.. evaluated.Values.Select(v => v is { } x ? conversion.Apply(x) : (double?)null)])];
    }
}
