using System.Globalization;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Reporting.Formula;

/// <summary>
/// Checks a parsed formula before anything is read: every name is an input, every function exists and gets the right
/// number and kind of arguments, series added, subtracted or compared have the same unit (where both units are known)
/// and the same resolution.
/// </summary>
public static class FormulaCheck
{
    /// <summary>Only the function names and argument counts and kinds (what the configuration alone can tell).</summary>
    /// <exception cref="InvalidInputException">The first problem, with its position.</exception>
    public static void CheckShape(FormulaNode node, string field) => Walk(node, null, field);

    /// <summary>The whole check against the inputs (name → unit and resolution the series will have).</summary>
    /// <returns>The type of the formula's result.</returns>
    /// <exception cref="InvalidInputException">The first problem, with its position.</exception>
    public static FormulaType Check(FormulaNode node, IReadOnlyDictionary<string, FormulaType> inputs, string field)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var type = Walk(node, inputs, field);
        return type.Kind == FormulaKind.Series
            ? type
            : throw new InvalidInputException(field, "uses no input; a report needs at least one input series");
    }

    /// <summary>The inputs a formula names, in order of first use.</summary>
    public static IReadOnlyList<string> Names(FormulaNode node)
    {
        var names = new List<string>();
        Collect(node, names);
        return names;
    }

    private static void Collect(FormulaNode node, List<string> names)
    {
        switch (node)
        {
            case InputNode input when !names.Contains(input.Name):
                names.Add(input.Name);
                break;
            case NegationNode negation:
                Collect(negation.Operand, names);
                break;
            case BinaryNode binary:
                Collect(binary.Left, names);
                Collect(binary.Right, names);
                break;
            case CallNode call:
                foreach (var argument in call.Arguments)
                {
                    Collect(argument, names);
                }

                break;
        }
    }

    /// <param name="inputs">Null: the inputs are not known yet; names give an unknown series.</param>
    private static FormulaType Walk(FormulaNode node, IReadOnlyDictionary<string, FormulaType>? inputs, string field)
    {
        switch (node)
        {
            case NumberNode:
                return FormulaType.Constant;
            case TextNode text:
                throw Problem(field, text, $"the text \"{text.Value}\" can only be an option of resample");
            case InputNode input:
                if (inputs is null)
                {
                    return new FormulaType(FormulaKind.Series, null, TimeSpan.Zero);
                }

                return inputs.TryGetValue(input.Name, out var type)
                    ? type
                    : throw Problem(field, input, $"no input is named '{input.Name}' (inputs: {string.Join(", ", inputs.Keys.Order(StringComparer.Ordinal))})");
            case NegationNode negation:
                return Walk(negation.Operand, inputs, field);
            case BinaryNode binary:
                var left = Walk(binary.Left, inputs, field);
                var right = Walk(binary.Right, inputs, field);
                return binary.Operator is '+' or '-'
                    ? Combine(field, binary, [left, right])
                    : Product(field, binary, left, right);
            case CallNode call:
                return Call(call, inputs, field);
            default:
                throw new ArgumentException($"Unknown formula node {node.GetType().Name}.", nameof(node));
        }
    }

    private static FormulaType Call(CallNode call, IReadOnlyDictionary<string, FormulaType>? inputs, string field)
    {
        var count = call.Arguments.Count;
        switch (call.Function)
        {
            case FormulaFunctions.Min or FormulaFunctions.Max:
                RequireArity(field, call, count >= 2, "two or more arguments");
                return Combine(field, call, [.. call.Arguments.Select(a => Walk(a, inputs, field))]);
            case FormulaFunctions.Clip:
                RequireArity(field, call, count == 3, "three arguments");
                return Combine(field, call, [.. call.Arguments.Select(a => Walk(a, inputs, field))]);
            case FormulaFunctions.Above or FormulaFunctions.Below or FormulaFunctions.IfEmpty:
                RequireArity(field, call, count == 2, "two arguments");
                var operands = call.Arguments.Select(a => Walk(a, inputs, field)).ToList();
                RequireSeries(field, call.Arguments[0], operands[0]);
                return Combine(field, call, operands);
            case FormulaFunctions.Shift:
                RequireArity(field, call, count == 2, "two arguments");
                var shifted = Walk(call.Arguments[0], inputs, field);
                if (ShiftSteps(call.Arguments[1]) is null)
                {
                    throw Problem(field, call.Arguments[1], "the steps to shift by must be a whole number, e.g. shift(price, 4)");
                }

                return RequireSeries(field, call.Arguments[0], shifted);
            case FormulaFunctions.Resample:
                RequireArity(field, call, count is 2 or 3, "two or three arguments");
                var source = RequireSeries(field, call.Arguments[0], Walk(call.Arguments[0], inputs, field));
                if (call.Arguments[1] is not TextNode duration || !IsoDuration.TryParse(duration.Value, out var target) || target <= TimeSpan.Zero)
                {
                    throw Problem(field, call.Arguments[1], "the new resolution must be a positive ISO 8601 duration in double quotes, e.g. \"PT1H\"");
                }

                if (count == 3 && (call.Arguments[2] is not TextNode method || !FormulaFunctions.ResampleMethods.Contains(method.Value)))
                {
                    throw Problem(field, call.Arguments[2], $"the way to combine values must be one of {string.Join(", ", FormulaFunctions.ResampleMethods.Select(m => $"\"{m}\""))}");
                }

                if (inputs is not null && target.Ticks % source.Resolution.Ticks != 0 && source.Resolution.Ticks % target.Ticks != 0)
                {
                    throw Problem(field, call, $"cannot resample steps of {IsoDuration.Format(source.Resolution)} to {IsoDuration.Format(target)}: one must be a whole multiple of the other");
                }

                return source with { Resolution = target };
            default:
                throw Problem(field, call, $"there is no function '{call.Function}'; use {string.Join(", ", FormulaFunctions.Signatures.Keys)}");
        }
    }

    /// <summary>The steps of <c>shift</c>: a whole number, perhaps negative; null for anything else.</summary>
    internal static int? ShiftSteps(FormulaNode node) => node switch
    {
        NumberNode { Value: var n } when n == Math.Round(n) && Math.Abs(n) <= 100_000 => (int)n,
        NegationNode { Operand: NumberNode { Value: var n } } when n == Math.Round(n) && n <= 100_000 => -(int)n,
        _ => null,
    };

    /// <summary>Operands that must agree: + and −, min, max, clip, above, below, ifempty.</summary>
    private static FormulaType Combine(string field, FormulaNode at, IReadOnlyList<FormulaType> operands)
    {
        var series = operands.Where(o => o.Kind == FormulaKind.Series).ToList();
        if (series.Count == 0)
        {
            return FormulaType.Constant;
        }

        var units = series.Select(s => s.Unit).Where(u => u is not null).Distinct(StringComparer.Ordinal).ToList();
        if (units.Count > 1)
        {
            throw Problem(field, at, $"combines series in different units ({string.Join(" and ", units.Select(u => $"'{u}'"))}); give the inputs one unit (an input's \"unit\" field converts it)");
        }

        var resolutions = series.Select(s => s.Resolution).Where(r => r > TimeSpan.Zero).Distinct().ToList();
        if (resolutions.Count > 1)
        {
            throw Problem(field, at, $"combines series with different resolutions ({string.Join(" and ", resolutions.Select(IsoDuration.Format))}); resample one of them");
        }

        return new FormulaType(FormulaKind.Series, units.SingleOrDefault(), resolutions.SingleOrDefault());
    }

    /// <summary>* and /: a constant factor keeps the unit; a product of two series has a unit this check does not know.</summary>
    private static FormulaType Product(string field, BinaryNode at, FormulaType left, FormulaType right)
    {
        if (left.Kind != FormulaKind.Series || right.Kind != FormulaKind.Series)
        {
            return left.Kind == FormulaKind.Series ? left : right;
        }

        var combined = Combine(field, at, [left with { Unit = null }, right with { Unit = null }]);
        return combined with { Unit = null };
    }

    private static FormulaType RequireSeries(string field, FormulaNode at, FormulaType type) =>
        type.Kind == FormulaKind.Series ? type : throw Problem(field, at, "needs a series here, not a number");

    private static void RequireArity(string field, CallNode call, bool ok, string expected)
    {
        if (!ok)
        {
            throw Problem(field, call, string.Create(CultureInfo.InvariantCulture, $"{call.Function} takes {expected}, not {call.Arguments.Count} ({FormulaFunctions.Signatures[call.Function]})"));
        }
    }

    private static InvalidInputException Problem(string field, FormulaNode at, string problem) =>
        new(field, string.Create(CultureInfo.InvariantCulture, $"{problem} (at position {at.Position})"));
}
