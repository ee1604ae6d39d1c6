using Google.OrTools.LinearSolver;

namespace FlexMeasures.Scheduling.Tests;

public sealed class SolverSmokeTests
{
    [Theory]
    [InlineData("HIGHS")]
    [InlineData("HIGHS_LP")]
    [InlineData("GLOP")]
    [InlineData("SCIP")]
    [InlineData("CBC")]
    public void CreateSolver_Available_WhenBackendNamed(string backend)
    {
        using var solver = Solver.CreateSolver(backend);
        Assert.NotNull(solver);
        var x = solver.MakeNumVar(0, 10, "x");
        solver.Maximize(x);
        Assert.Equal(Solver.ResultStatus.OPTIMAL, solver.Solve());
        Assert.Equal(10, x.SolutionValue(), 9);
    }
}
