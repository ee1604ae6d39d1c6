using FlexMeasures.Scheduling.Storage;
using Google.OrTools.LinearSolver;

namespace FlexMeasures.Scheduling.Tests.Storage;

/// <summary>
/// An independent optimum for storage problems with hard constraints only: another formulation (the SoC
/// as a closed-form sum of past flows, no SoC or net-power variables) on another backend (SCIP), so a
/// mistake in the scheduler's model shows up as a different cost.
/// </summary>
internal static class ReferenceOptimum
{
    /// <summary>The optimal objective (energy cost plus the prefer-charging-sooner term), or null when infeasible.</summary>
    internal static double? Objective(StorageProblem problem)
    {
        var breach = problem.Site.Breach ?? BreachPrices.None;
        if (breach != BreachPrices.None || problem.Site.PeakConsumptionPrice is not null || problem.Site.PeakProductionPrice is not null)
        {
            throw new NotSupportedException("The reference handles hard constraints and energy prices only.");
        }

        var n = problem.Grid.StepCount;
        var h = problem.Grid.StepHours;
        using var solver = Solver.CreateSolver("SCIP");
        solver.SuppressOutput();
        var objective = solver.Objective();
        objective.SetMinimization();
        var offset = 0.0;

        // Each step's site net power as a list of (variable, coefficient) plus a constant.
        var netTerms = Enumerable.Range(0, n).Select(_ => new List<(Variable, double)>()).ToArray();
        var netConstant = new double[n];
        foreach (var inflexible in problem.InflexibleDevices ?? [])
        {
            for (var j = 0; j < n; j++)
            {
                var p = inflexible.PowerMw[j];
                if (inflexible.Curtailable)
                {
                    netTerms[j].Add((solver.MakeNumVar(Math.Min(0, p), Math.Max(0, p), ""), 1));
                }
                else
                {
                    netConstant[j] += p;
                }
            }
        }

        foreach (var device in problem.Devices)
        {
            var charge = new Variable[n];
            var discharge = new Variable[n];
            for (var j = 0; j < n; j++)
            {
                var cap = device.PowerCapacityMw[j];
                charge[j] = solver.MakeNumVar(0, Math.Min(cap, device.ConsumptionCapacityMw?[j] ?? cap), "");
                discharge[j] = solver.MakeNumVar(0, Math.Min(cap, device.ProductionCapacityMw?[j] ?? cap), "");
                netTerms[j].Add((charge[j], 1));
                netTerms[j].Add((discharge[j], -1));
                var etaC = device.ChargingEfficiency?[j] ?? 1;
                var etaD = device.DischargingEfficiency?[j] ?? 1;
                if (etaC * etaD < 1 && charge[j].Ub() > 0 && discharge[j].Ub() > 0 && device.SocAtStart is not null)
                {
                    var on = solver.MakeBoolVar("");
                    var c1 = solver.MakeConstraint(double.NegativeInfinity, 0, "");
                    c1.SetCoefficient(charge[j], 1);
                    c1.SetCoefficient(on, -charge[j].Ub());
                    var c2 = solver.MakeConstraint(double.NegativeInfinity, discharge[j].Ub(), "");
                    c2.SetCoefficient(discharge[j], 1);
                    c2.SetCoefficient(on, discharge[j].Ub());
                }
            }

            if (device.SocAtStart is not { } soc0)
            {
                continue;
            }

            // soc_j = keep(0..j)·soc0 + Σ_k keep(k+1..j)·b_k·h·(ηc·charge_k - discharge_k/ηd + gain_k - usage_k)
            var prices = problem.Site.ConsumptionPrice;
            var spread = prices.Max() - prices.Min();
            var largest = (spread > 0 ? spread : 1) * 1e-4 / n;
            for (var j = 0; j < n; j++)
            {
                var lower = device.SocMin;
                var upper = device.SocMax;
                if (device.SocMinima?[j] is { } minimum)
                {
                    lower = Math.Max(lower, Math.Clamp(minimum, device.SocMin, device.SocMax));
                }

                if (device.SocMaxima?[j] is { } maximum)
                {
                    upper = Math.Min(upper, Math.Clamp(maximum, device.SocMin, device.SocMax));
                }

                if (device.SocTargets?[j] is { } target)
                {
                    lower = Math.Max(lower, target);
                    upper = Math.Min(upper, target);
                }

                var keep = 1.0;
                var constant = 0.0;
                var row = solver.MakeConstraint(double.NegativeInfinity, double.PositiveInfinity, "");
                var preference = device.PreferChargingSooner && double.IsFinite(device.SocMax)
                    ? (device.PreferCurtailingLater && n > 1 ? largest * (1 - ((double)j / (n - 1))) : largest) / h
                    : 0;
                for (var k = j; k >= 0; k--)
                {
                    var e = device.StorageEfficiency?[k] ?? 1;
                    var b = e == 1 ? 1 : (e - 1) / Math.Log(e);
                    var etaC = device.ChargingEfficiency?[k] ?? 1;
                    var etaD = device.DischargingEfficiency?[k] ?? 1;
                    var delta = (device.SocGainMw?[k] ?? 0) - (device.SocUsageMw?[k] ?? 0);
                    var chargeCoefficient = keep * b * h * etaC;
                    var dischargeCoefficient = -keep * b * h / etaD;
                    row.SetCoefficient(charge[k], chargeCoefficient);
                    row.SetCoefficient(discharge[k], dischargeCoefficient);
                    objective.SetCoefficient(charge[k], objective.GetCoefficient(charge[k]) - (preference * chargeCoefficient));
                    objective.SetCoefficient(discharge[k], objective.GetCoefficient(discharge[k]) - (preference * dischargeCoefficient));
                    constant += keep * b * h * delta;
                    keep *= e;
                }

                constant += keep * soc0;
                row.SetBounds(lower - constant, upper - constant);
                offset += preference * (device.SocMax - constant);
            }
        }

        for (var j = 0; j < n; j++)
        {
            var site = problem.Site;
            var power = site.PowerCapacityMw?[j] ?? double.PositiveInfinity;
            var upper = Math.Min(site.ConsumptionCapacityMw?[j] ?? power, power);
            var lower = -Math.Min(site.ProductionCapacityMw?[j] ?? power, power);
            var consumption = solver.MakeNumVar(0, double.PositiveInfinity, "");
            var production = solver.MakeNumVar(0, double.PositiveInfinity, "");
            var split = solver.MakeConstraint(netConstant[j], netConstant[j], "");
            split.SetCoefficient(consumption, 1);
            split.SetCoefficient(production, -1);
            var limit = solver.MakeConstraint(lower - netConstant[j], upper - netConstant[j], "");
            foreach (var (variable, coefficient) in netTerms[j])
            {
                split.SetCoefficient(variable, split.GetCoefficient(variable) - coefficient);
                limit.SetCoefficient(variable, limit.GetCoefficient(variable) + coefficient);
            }

            var cp = site.ConsumptionPrice[j];
            var pp = site.ProductionPrice?[j] ?? cp;
            objective.SetCoefficient(consumption, cp * h);
            objective.SetCoefficient(production, -pp * h);
            if (pp > cp)
            {
                const double big = 1e4;
                var on = solver.MakeBoolVar("");
                var c1 = solver.MakeConstraint(double.NegativeInfinity, 0, "");
                c1.SetCoefficient(consumption, 1);
                c1.SetCoefficient(on, -big);
                var c2 = solver.MakeConstraint(double.NegativeInfinity, big, "");
                c2.SetCoefficient(production, 1);
                c2.SetCoefficient(on, big);
            }
        }

        objective.SetOffset(offset);
        using var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0);
        var status = solver.Solve(parameters);
        return status == Solver.ResultStatus.OPTIMAL ? objective.Value() : null;
    }
}
