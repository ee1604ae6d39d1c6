using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Time;

namespace FlexMeasures.Data.Reporting.Formula;

/// <summary>
/// Evaluates a formula that <see cref="FormulaCheck"/> accepted, step by step. A gap (null) in any operand gives a gap;
/// so does a division by zero (nothing infinite is ever stored). Steps that <c>shift</c> brings in from outside the
/// report's window are gaps.
/// </summary>
/// <param name="WindowStart">UTC.</param>
/// <param name="WindowEnd">UTC.</param>
/// <param name="Timezone">For <c>resample</c> to whole days, which are calendar days in this zone.</param>
public sealed record FormulaEvaluation(DateTime WindowStart, DateTime WindowEnd, string Timezone)
{
    public FormulaSeries Evaluate(FormulaNode node, IReadOnlyDictionary<string, FormulaSeries> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Value(node, inputs).Series ?? throw new ArgumentException("The formula gives a constant, not a series.", nameof(node));
    }

    private Operand Value(FormulaNode node, IReadOnlyDictionary<string, FormulaSeries> inputs) => node switch
    {
        NumberNode number => new Operand(number.Value, null),
        InputNode input => new Operand(0, inputs[input.Name]),
        NegationNode negation => Map([Value(negation.Operand, inputs)], v => -v[0]),
        BinaryNode binary => Map([Value(binary.Left, inputs), Value(binary.Right, inputs)], binary.Operator switch
        {
            '+' => v => v[0] + v[1],
            '-' => v => v[0] - v[1],
            '*' => v => v[0] * v[1],
            _ => v => v[1] == 0 ? null : v[0] / v[1],
        }),
        CallNode { Function: FormulaFunctions.Min } call => Map([.. call.Arguments.Select(a => Value(a, inputs))], v => v.Min()),
        CallNode { Function: FormulaFunctions.Max } call => Map([.. call.Arguments.Select(a => Value(a, inputs))], v => v.Max()),
        CallNode { Function: FormulaFunctions.Clip } call => Map([.. call.Arguments.Select(a => Value(a, inputs))], v => Math.Min(Math.Max(v[0], v[1]), v[2])),
        CallNode { Function: FormulaFunctions.Above } call => Map([.. call.Arguments.Select(a => Value(a, inputs))], v => v[0] > v[1] ? v[0] : null),
        CallNode { Function: FormulaFunctions.Below } call => Map([.. call.Arguments.Select(a => Value(a, inputs))], v => v[0] < v[1] ? v[0] : null),
        CallNode { Function: FormulaFunctions.IfEmpty } call => IfEmpty(Value(call.Arguments[0], inputs), Value(call.Arguments[1], inputs)),
        CallNode { Function: FormulaFunctions.Shift } call => new Operand(0, Shift(Value(call.Arguments[0], inputs).Series!, FormulaCheck.ShiftSteps(call.Arguments[1])!.Value)),
        CallNode { Function: FormulaFunctions.Resample } call => new Operand(0, Resample(
            Value(call.Arguments[0], inputs).Series!,
            IsoDuration.Parse(((TextNode)call.Arguments[1]).Value),
            call.Arguments.Count == 3 ? ((TextNode)call.Arguments[2]).Value : "mean")),
        _ => throw new ArgumentException($"Cannot evaluate {node.GetType().Name}.", nameof(node)),
    };

    /// <summary>Applies <paramref name="f"/> per step; constants take part in every step.</summary>
    private static Operand Map(IReadOnlyList<Operand> operands, Func<double[], double?> f)
    {
        var grid = operands.Select(o => o.Series).FirstOrDefault(s => s is not null);
        if (grid is null)
        {
            return new Operand(f([.. operands.Select(o => o.Constant)]) ?? double.NaN, null);
        }

        var values = new double?[grid.Steps.Count];
        var arguments = new double[operands.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var gap = false;
            for (var k = 0; k < operands.Count && !gap; k++)
            {
                var value = operands[k].Series is { } series ? series.Values[i] : operands[k].Constant;
                gap = value is not { } v || double.IsNaN(v);
                arguments[k] = value ?? 0;
            }

            values[i] = gap ? null : f(arguments) is { } result && double.IsFinite(result) ? result : null;
        }

        return new Operand(0, grid with { Values = values });
    }

    /// <summary>
    /// The whole series or the whole fallback, never a mix per step: as FlexMeasures' <c>skip_if_empty</c> skips a step
    /// only when an argument has no data at all, a gap next to values stays a gap.
    /// </summary>
    private static Operand IfEmpty(Operand value, Operand fallback)
    {
        var series = value.Series!;
        if (series.Values.Any(v => v is not null))
        {
            return value;
        }

        return fallback.Series is not null ? fallback : new Operand(0, series with { Values = [.. series.Values.Select(_ => (double?)fallback.Constant)] });
    }

    private static FormulaSeries Shift(FormulaSeries series, int steps)
    {
        var values = new double?[series.Values.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var from = i - steps;
            values[i] = from >= 0 && from < values.Length ? series.Values[from] : null;
        }

        return series with { Values = values };
    }

    private FormulaSeries Resample(FormulaSeries series, TimeSpan target, string method)
    {
        if (target == series.Resolution)
        {
            return series;
        }

        // Bins count from the start of the day, as pandas' do: the first may begin before the window and hold only its part.
        var origin = Resampler.DayAlignedStart(series.Steps.Count > 0 ? series.Steps[0] : WindowStart, target, Timezone);
        var starts = Resampler.BinStarts(origin, WindowEnd, target, Timezone);
        if (target < series.Resolution || method == "mean")
        {
            // Averaging and repeating are the belief rules' own resampling of a flow.
            var events = series.Steps.Zip(series.Values).Where(p => p.Second is not null).Select(p => (p.First, p.Second!.Value)).ToList();
            return new FormulaSeries(starts, Resampler.Resample(events, series.Resolution, origin, WindowEnd, target, Timezone), target);
        }

        Func<double, double, double> combine = method switch
        {
            "sum" => (a, b) => a + b,
            "min" => Math.Min,
            _ => Math.Max,
        };
        var values = ReportSteps.Fold(series.Steps, series.Values, starts, combine);
        return new FormulaSeries(starts, values, target);
    }

    /// <summary>A constant, or a series when <see cref="Series"/> is set.</summary>
    private readonly record struct Operand(double Constant, FormulaSeries? Series);
}
