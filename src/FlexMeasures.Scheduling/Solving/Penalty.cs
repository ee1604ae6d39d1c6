using Google.OrTools.LinearSolver;

namespace FlexMeasures.Scheduling.Solving;

/// <summary>How FlexMeasures groups the steps of a priced deviation ("commitment").</summary>
internal enum PenaltyScope
{
    /// <summary>Every step is priced on its own deviation.</summary>
    EachStep,

    /// <summary>Runs of steps with the same quantity and prices are priced once, on their largest deviation.</summary>
    LargestPerRun,
}

/// <summary>
/// A priced deviation of a per-step linear quantity <c>X_j</c> from a reference <c>q_j</c>, as FlexMeasures'
/// commitments price them: <c>up</c> above the reference, <c>down</c> below it (both non-negative penalties).
/// Steps with a NaN reference are free.
/// </summary>
internal sealed class Penalty
{
    private readonly List<(Variable Variable, double Price)> _terms = [];

    /// <summary>What the penalty costs in the solution: Σ price × deviation.</summary>
    internal double Cost => _terms.Sum(term => term.Price * term.Variable.SolutionValue());

    /// <summary>
    /// Adds the penalty to the model. <paramref name="x"/> gives, per step, the terms of <c>X_j</c>
    /// (variables and coefficients) and a constant; the prices are per unit of deviation.
    /// </summary>
    internal static Penalty Add(
        MilpSolver solver,
        PenaltyScope scope,
        int steps,
        Func<int, (IReadOnlyList<(Variable Variable, double Coefficient)> Terms, double Constant)> x,
        IReadOnlyList<double> reference,
        IReadOnlyList<double> upPrice,
        IReadOnlyList<double> downPrice)
    {
        var penalty = new Penalty();
        foreach (var group in Groups(scope, steps, reference, upPrice, downPrice))
        {
            var first = group[0];
            if (upPrice[first] != 0)
            {
                var deviation = solver.Continuous(0, double.PositiveInfinity);
                foreach (var j in group)
                {
                    // deviation ≥ X_j - q_j
                    var (terms, constant) = x(j);
                    var row = solver.Row(constant - reference[j], double.PositiveInfinity);
                    row.SetCoefficient(deviation, 1);
                    foreach (var (variable, coefficient) in terms)
                    {
                        row.SetCoefficient(variable, -coefficient);
                    }
                }

                solver.Objective.SetCoefficient(deviation, upPrice[first]);
                penalty._terms.Add((deviation, upPrice[first]));
            }

            if (downPrice[first] != 0)
            {
                var deviation = solver.Continuous(0, double.PositiveInfinity);
                foreach (var j in group)
                {
                    // deviation ≥ q_j - X_j
                    var (terms, constant) = x(j);
                    var row = solver.Row(reference[j] - constant, double.PositiveInfinity);
                    row.SetCoefficient(deviation, 1);
                    foreach (var (variable, coefficient) in terms)
                    {
                        row.SetCoefficient(variable, coefficient);
                    }
                }

                solver.Objective.SetCoefficient(deviation, downPrice[first]);
                penalty._terms.Add((deviation, downPrice[first]));
            }
        }

        return penalty;
    }

    /// <summary>
    /// The step groups, each priced on its largest deviation, with the free (NaN) steps left out.
    /// FlexMeasures keeps one group when quantity and prices are constant over the horizon (NaN aside), and
    /// otherwise starts a new group wherever the quantity or a price changes (a NaN always counts as a change).
    /// </summary>
    internal static List<List<int>> Groups(
        PenaltyScope scope, int steps, IReadOnlyList<double> reference, IReadOnlyList<double> upPrice, IReadOnlyList<double> downPrice)
    {
        var groups = new List<List<int>>();
        if (scope == PenaltyScope.EachStep)
        {
            for (var j = 0; j < steps; j++)
            {
                if (!double.IsNaN(reference[j]))
                {
                    groups.Add([j]);
                }
            }

            return groups;
        }

        var constant = CountDistinct(reference) == 1 && CountDistinct(upPrice) == 1 && CountDistinct(downPrice) == 1;
        List<int>? current = null;
        for (var j = 0; j < steps; j++)
        {
            var boundary = j == 0 || (!constant && (
                !SameValue(reference[j], reference[j - 1])
                || upPrice[j] != upPrice[j - 1]
                || downPrice[j] != downPrice[j - 1]));
            if (boundary || current is null)
            {
                current = [];
                groups.Add(current);
            }

            if (!double.IsNaN(reference[j]))
            {
                current.Add(j);
            }
        }

        groups.RemoveAll(group => group.Count == 0);
        return groups;
    }

    /// <summary>Equal and not NaN: pandas' <c>!=</c> is true for NaN on either side.</summary>
    private static bool SameValue(double a, double b) => !double.IsNaN(a) && !double.IsNaN(b) && a == b;

    private static int CountDistinct(IReadOnlyList<double> values) =>
        values.Where(value => !double.IsNaN(value)).Distinct().Count();
}
