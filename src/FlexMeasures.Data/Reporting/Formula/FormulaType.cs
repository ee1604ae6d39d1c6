namespace FlexMeasures.Data.Reporting.Formula;

/// <summary>What a formula node gives: a series at a resolution, or a constant; and its unit when known.</summary>
/// <param name="Unit">Null when unknown (a product of two series) or free (a number, which fits any unit).</param>
/// <param name="Resolution">The step of a series; zero for a constant or a text.</param>
public sealed record FormulaType(FormulaKind Kind, string? Unit, TimeSpan Resolution)
{
    public static FormulaType Constant { get; } = new(FormulaKind.Constant, null, TimeSpan.Zero);

    public static FormulaType Text { get; } = new(FormulaKind.Text, null, TimeSpan.Zero);
}

/// <summary>The kinds of value in a formula.</summary>
public enum FormulaKind
{
    Series,
    Constant,
    Text,
}
