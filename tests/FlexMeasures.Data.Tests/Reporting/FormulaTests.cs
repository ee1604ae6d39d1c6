using FlexMeasures.Data.Reporting.Formula;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Tests.Reporting;

/// <summary>The formula language: parsing, checking before anything runs, and evaluation per step.</summary>
public sealed class FormulaTests
{
    private static readonly DateTime Start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static readonly Dictionary<string, FormulaType> Types = new(StringComparer.Ordinal)
    {
        ["pv"] = new(FormulaKind.Series, "kW", Hour),
        ["load"] = new(FormulaKind.Series, "kW", Hour),
        ["price"] = new(FormulaKind.Series, "EUR/MWh", Hour),
    };

    [Theory]
    [InlineData("pv +", "the formula ends where a value was expected at position 5 of \"pv +\"")]
    [InlineData("(pv - load", "')' is missing at the end at position 11 of \"(pv - load\"")]
    [InlineData("pv ; load", "unexpected ';' at position 4 of \"pv ; load\"")]
    [InlineData("pv + 1.2.3", "'1.2.3' at position 6 is not a number")]
    [InlineData("", "is empty; write an expression such as \"pv - consumption\"")]
    public void Parse_SaysWhereTheSyntaxIsWrong(string formula, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => FormulaParser.Parse(formula, "config.formula"));

        Assert.Equal(("config.formula", message), (error.Field, error.Message));
    }

    [Theory]
    [InlineData("pv - lod", "no input is named 'lod' (inputs: load, price, pv) (at position 6)")]
    [InlineData("sqrt(pv)", "there is no function 'sqrt'; use min, max, clip, shift, resample, above, below, ifempty (at position 1)")]
    [InlineData("ifempty(0, pv)", "needs a series here, not a number (at position 9)")]
    [InlineData("above(pv, price)", "combines series in different units ('kW' and 'EUR/MWh'); give the inputs one unit (an input's \"unit\" field converts it) (at position 1)")]
    [InlineData("below(pv)", "below takes two arguments, not 1 (below(x, limit): x where it is less than limit, a gap elsewhere) (at position 1)")]
    [InlineData("min(pv)", "min takes two or more arguments, not 1 (min(a, b, …): the least value per step (two or more arguments)) (at position 1)")]
    [InlineData("clip(pv, 0)", "clip takes three arguments, not 2 (clip(x, lower, upper): x limited to [lower, upper] per step) (at position 1)")]
    [InlineData("shift(pv, 1.5)", "the steps to shift by must be a whole number, e.g. shift(price, 4) (at position 11)")]
    [InlineData("pv + price", "combines series in different units ('kW' and 'EUR/MWh'); give the inputs one unit (an input's \"unit\" field converts it) (at position 4)")]
    [InlineData("max(pv, price)", "combines series in different units ('kW' and 'EUR/MWh'); give the inputs one unit (an input's \"unit\" field converts it) (at position 1)")]
    [InlineData("resample(pv, \"1 hour\")", "the new resolution must be a positive ISO 8601 duration in double quotes, e.g. \"PT1H\" (at position 14)")]
    [InlineData("resample(pv, \"PT90M\")", "cannot resample steps of PT1H to PT1H30M: one must be a whole multiple of the other (at position 1)")]
    [InlineData("resample(pv, \"PT2H\", \"median\")", "the way to combine values must be one of \"mean\", \"sum\", \"min\", \"max\" (at position 22)")]
    [InlineData("pv + resample(load, \"PT2H\")", "combines series with different resolutions (PT1H and PT2H); resample one of them (at position 4)")]
    [InlineData("\"PT1H\"", "the text \"PT1H\" can only be an option of resample (at position 1)")]
    [InlineData("1 + 2", "uses no input; a report needs at least one input series")]
    public void Check_RefusesAFormula_BeforeAnythingIsRead(string formula, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => FormulaCheck.Check(FormulaParser.Parse(formula, "config.formula"), Types, "config.formula"));

        Assert.Equal(("config.formula", message), (error.Field, error.Message));
    }

    [Theory]
    [InlineData("pv - load", "kW")]
    [InlineData("2 * (pv - load) / 4", "kW")]
    [InlineData("clip(pv, 0, 5)", "kW")]
    [InlineData("pv * price", null)]
    public void Check_KnowsTheUnit_WhereItCan(string formula, string? unit)
    {
        var type = FormulaCheck.Check(FormulaParser.Parse(formula, "f"), Types, "f");

        Assert.Equal((FormulaKind.Series, unit, Hour), (type.Kind, type.Unit, type.Resolution));
    }

    [Theory]
    [InlineData("a + b", new double[] { 11, 22, double.NaN, 44 })]
    [InlineData("a - b / 10", new double[] { 0, 0, double.NaN, 0 })]
    [InlineData("-a * 2", new double[] { -2, -4, double.NaN, -8 })]
    [InlineData("max(a, 2.5)", new double[] { 2.5, 2.5, double.NaN, 4 })]
    [InlineData("min(a, b, 15)", new double[] { 1, 2, double.NaN, 4 })]
    [InlineData("clip(b, 15, 30)", new double[] { 15, 20, 30, 30 })]
    [InlineData("shift(b, 1)", new double[] { double.NaN, 10, 20, 30 })]
    [InlineData("shift(b, -2)", new double[] { 30, 40, double.NaN, double.NaN })]
    [InlineData("b / (a - 1)", new double[] { double.NaN, 20, double.NaN, 40.0 / 3 })]
    [InlineData("(a + 1) * (b - 10)", new double[] { 0, 30, double.NaN, 150 })]
    [InlineData("above(b, 20)", new double[] { double.NaN, double.NaN, 30, 40 })]
    [InlineData("below(above(b, 10), 40)", new double[] { double.NaN, 20, 30, double.NaN })]
    [InlineData("below(b, a * 10 + 1)", new double[] { 10, 20, double.NaN, 40 })]
    [InlineData("ifempty(a, 0)", new double[] { 1, 2, double.NaN, 4 })]
    [InlineData("ifempty(above(a, 5), b)", new double[] { 10, 20, 30, 40 })]
    [InlineData("b + ifempty(above(a, 5), 0)", new double[] { 10, 20, 30, 40 })]
    public void Evaluate_ComputesPerStep_AndLeavesGapsWhereAnOperandHasNone(string formula, double[] expected)
    {
        var series = Evaluate(formula, "PT1H");

        Assert.Equal(expected.Select(v => double.IsNaN(v) ? (double?)null : v), series.Values);
    }

    [Theory]
    [InlineData("resample(b, \"PT2H\")", new double[] { 15, 35 })]
    [InlineData("resample(b, \"PT2H\", \"sum\")", new double[] { 30, 70 })]
    [InlineData("resample(a, \"PT2H\", \"max\")", new double[] { 2, 4 })]
    [InlineData("resample(a, \"PT2H\", \"min\")", new double[] { 1, 4 })]
    public void Evaluate_Resamples_WithTheGivenWay(string formula, double[] expected)
    {
        var series = Evaluate(formula, "PT2H");

        Assert.Equal(expected.Select(v => (double?)v), series.Values);
        Assert.Equal([Start, Start.AddHours(2)], series.Steps);
    }

    private static FormulaSeries Evaluate(string formula, string resolution)
    {
        var steps = Enumerable.Range(0, 4).Select(h => Start.AddHours(h)).ToList();
        var inputs = new Dictionary<string, FormulaSeries>(StringComparer.Ordinal)
        {
            ["a"] = new(steps, [1, 2, null, 4], Hour),
            ["b"] = new(steps, [10, 20, 30, 40], Hour),
        };
        var node = FormulaParser.Parse(formula, "f");
        var type = FormulaCheck.Check(node, inputs.ToDictionary(i => i.Key, _ => new FormulaType(FormulaKind.Series, "kW", Hour)), "f");
        Assert.Equal(IsoDuration.Parse(resolution), type.Resolution);
        return new FormulaEvaluation(Start, Start.AddHours(4), "UTC").Evaluate(node, inputs);
    }
}
