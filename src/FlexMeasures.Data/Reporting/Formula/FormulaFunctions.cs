namespace FlexMeasures.Data.Reporting.Formula;

/// <summary>The functions a formula may call, and the ways <c>resample</c> may combine values.</summary>
public static class FormulaFunctions
{
    public const string Min = "min";
    public const string Max = "max";
    public const string Clip = "clip";
    public const string Shift = "shift";
    public const string Resample = "resample";
    public const string Above = "above";
    public const string Below = "below";
    public const string IfEmpty = "ifempty";

    /// <summary>Each function with how it is called, for messages and <c>show reporters</c>.</summary>
    public static IReadOnlyDictionary<string, string> Signatures { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Min] = "min(a, b, …): the least value per step (two or more arguments)",
        [Max] = "max(a, b, …): the greatest value per step (two or more arguments)",
        [Clip] = "clip(x, lower, upper): x limited to [lower, upper] per step",
        [Shift] = "shift(x, n): x moved n steps later (a whole number; negative: earlier)",
        [Resample] = "resample(x, \"PT1H\"[, \"mean\" | \"sum\" | \"min\" | \"max\"]): x in steps of the given duration (default mean), counted from midnight",
        [Above] = "above(x, limit): x where it is greater than limit, a gap elsewhere",
        [Below] = "below(x, limit): x where it is less than limit, a gap elsewhere",
        [IfEmpty] = "ifempty(x, fallback): x, or fallback when x has no value at all in the window (FlexMeasures' skip_if_empty)",
    };

    /// <summary>How <c>resample</c> combines the values of one new step.</summary>
    public static IReadOnlyList<string> ResampleMethods { get; } = ["mean", "sum", "min", "max"];
}
