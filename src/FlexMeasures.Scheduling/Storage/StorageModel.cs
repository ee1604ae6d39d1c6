using FlexMeasures.Scheduling.Solving;
using Google.OrTools.LinearSolver;

namespace FlexMeasures.Scheduling.Storage;

/// <summary>
/// The LP/MILP of FlexMeasures' StorageScheduler for one site, built directly in OR-Tools.
/// </summary>
/// <remarks>
/// Per flexible device and step: charging and discharging power (magnitudes, so that efficiencies apply to
/// the right direction), a binary that forbids doing both at once where that would burn energy
/// (FlexMeasures' device_power_sign), and the SoC at the end of the step. Per step: the site's net power,
/// split into consumption and production so each gets its own price. Soft constraints and peaks are
/// <see cref="Penalty"/> terms priced as FlexMeasures' commitments are.
/// </remarks>
internal sealed class StorageModel : IDisposable
{
    private const double BreachTolerance = 1e-9;

    private readonly StorageProblem _problem;
    private readonly int _n;
    private readonly double _h;
    private readonly BreachPrices _breach;
    private readonly MilpSolver _solver = new();
    private readonly List<DeviceVariables> _devices = [];
    private readonly List<(InflexibleDevice Device, Variable[] Power)> _curtailable = [];
    private readonly Variable[] _net;
    private readonly List<SoftConstraint> _soft = [];
    private readonly List<Penalty> _peaks = [];
    private readonly List<OneDirection> _oneDirection = [];
    private string? _conflict;

    internal StorageModel(StorageProblem problem)
    {
        _problem = problem;
        _n = problem.Grid.StepCount;
        _h = problem.Grid.StepHours;
        _breach = problem.Site.Breach ?? BreachPrices.None;
        _net = new Variable[_n];
    }

    internal StorageSchedule Solve()
    {
        for (var d = 0; d < _problem.Devices.Count; d++)
        {
            _devices.Add(AddDevice(_problem.Devices[d]));
        }

        AddSite();
        if (_conflict is not null)
        {
            return Failed(SolverStatus.Infeasible, _conflict);
        }

        var status = SolveWithOneDirectionPerStep();
        return status is SolverStatus.Optimal or SolverStatus.Feasible
            ? Extract(status)
            : Failed(status, status == SolverStatus.Infeasible ? "The hard constraints cannot all be met." : null);
    }

    public void Dispose() => _solver.Dispose();

    /// <summary>
    /// Solves with a binary "one direction" constraint only where the relaxation goes both ways at once. The
    /// relaxation is usually clean already (both ways at once loses energy, so it only pays at negative prices),
    /// and a solution of a relaxation that meets every constraint of the full problem is optimal for it; so this
    /// gives the full MILP's optimum with far fewer binaries than one per device and step.
    /// </summary>
    private SolverStatus SolveWithOneDirectionPerStep()
    {
        while (true)
        {
            var status = _solver.Solve();
            if (status is not (SolverStatus.Optimal or SolverStatus.Feasible))
            {
                return status;
            }

            var violated = _oneDirection.Where(pair => !pair.Enforced && pair.IsViolated).ToList();
            if (violated.Count == 0)
            {
                return status;
            }

            foreach (var pair in violated)
            {
                pair.Enforce(_solver);
            }
        }
    }

    private DeviceVariables AddDevice(StorageDevice device)
    {
        var up = new Variable[_n];
        var down = new Variable[_n];
        var consumptionSoft = _breach.DeviceConsumption is not null && device.ConsumptionCapacityMw is { } cc && cc.Max() > 0;
        var productionSoft = _breach.DeviceProduction is not null && device.ProductionCapacityMw is { } pc && pc.Max() > 0;
        for (var j = 0; j < _n; j++)
        {
            var power = device.PowerCapacityMw[j];
            var upMax = consumptionSoft ? power : Math.Min(device.ConsumptionCapacityMw?[j] ?? power, power);
            var downMax = productionSoft ? power : Math.Min(device.ProductionCapacityMw?[j] ?? power, power);
            up[j] = _solver.Continuous(0, upMax);
            down[j] = _solver.Continuous(0, downMax);
            var roundtrip = At(device.ChargingEfficiency, j, 1) * At(device.DischargingEfficiency, j, 1);
            if (upMax > 0 && downMax > 0 && roundtrip < 1 && device.SocAtStart is not null)
            {
                // Charging and discharging at once would burn energy through the losses; one direction per step.
                _oneDirection.Add(new OneDirection(up[j], down[j], upMax, downMax));
            }
        }

        var variables = new DeviceVariables(device, up, down, device.SocAtStart is null ? null : AddStorage(device, up, down));
        if (consumptionSoft)
        {
            var capacity = device.ConsumptionCapacityMw!.ToArray();
            AddFlowBreach(BreachKind.DeviceConsumptionCapacity, device.Name, capacity, variables.PowerTerms, _breach.DeviceConsumption!, up: true);
        }

        if (productionSoft)
        {
            var capacity = device.ProductionCapacityMw!.Select(value => -value).ToArray();
            AddFlowBreach(BreachKind.DeviceProductionCapacity, device.Name, capacity, variables.PowerTerms, _breach.DeviceProduction!, up: false);
        }

        return variables;
    }

    private Variable[] AddStorage(StorageDevice device, Variable[] up, Variable[] down)
    {
        var socAtStart = device.SocAtStart!.Value;
        var minimaSoft = _breach.SocMinima is not null && device.SocMinima is not null;
        var maximaSoft = _breach.SocMaxima is not null && device.SocMaxima is not null;
        var targetsSoft = _breach.SocMinima is not null && _breach.SocMaxima is not null && device.SocTargets is not null;
        var soc = new Variable[_n];
        for (var j = 0; j < _n; j++)
        {
            var lower = device.SocMin;
            var upper = device.SocMax;
            // Like FlexMeasures, minima and maxima are clipped to the device's soc-min/soc-max; targets are not.
            if (!minimaSoft && device.SocMinima?[j] is { } minimum)
            {
                lower = Math.Max(lower, Math.Clamp(minimum, device.SocMin, device.SocMax));
            }

            if (!maximaSoft && device.SocMaxima?[j] is { } maximum)
            {
                upper = Math.Min(upper, Math.Clamp(maximum, device.SocMin, device.SocMax));
            }

            if (!targetsSoft && device.SocTargets?[j] is { } target)
            {
                lower = Math.Max(lower, target);
                upper = Math.Min(upper, target);
            }

            if (lower > upper)
            {
                _conflict ??= $"Device '{device.Name}': at {_problem.Grid.StepStart(j + 1):O} the SoC must be at least {lower} MWh and at most {upper} MWh.";
                upper = lower;
            }

            soc[j] = _solver.Continuous(lower, upper);

            // soc_j = a·soc_{j-1} + b·h·(ηc·up - down/ηd + gain - usage), FlexMeasures' linear loss recursion
            var efficiency = At(device.StorageEfficiency, j, 1);
            var (a, b) = LossCoefficients(efficiency);
            var delta = At(device.SocGainMw, j, 0) - At(device.SocUsageMw, j, 0);
            var rhs = (b * _h * delta) + (j == 0 ? a * socAtStart : 0);
            var balance = _solver.Row(rhs, rhs);
            balance.SetCoefficient(soc[j], 1);
            if (j > 0)
            {
                balance.SetCoefficient(soc[j - 1], -a);
            }

            balance.SetCoefficient(up[j], -b * _h * At(device.ChargingEfficiency, j, 1));
            balance.SetCoefficient(down[j], b * _h / At(device.DischargingEfficiency, j, 1));
        }

        IReadOnlyList<(Variable, double)> SocTerms(int j) => [(soc[j], 1)];
        var any = PenaltyScope.LargestPerRun;
        var each = PenaltyScope.EachStep;
        var zero = Constant(0);
        if (minimaSoft)
        {
            var reference = Reference(device.SocMinima!);
            var price = _breach.SocMinima!;
            AddSoft(BreachKind.SocMinimum, device.Name, j => Math.Max(0, reference[j] - soc[j].SolutionValue()),
                Penalty.Add(_solver, any, _n, j => (SocTerms(j), 0), reference, zero, Scaled(price, 1 / _h)),
                Penalty.Add(_solver, each, _n, j => (SocTerms(j), 0), reference, zero, price));
        }

        if (maximaSoft)
        {
            var reference = Reference(device.SocMaxima!);
            var price = _breach.SocMaxima!;
            AddSoft(BreachKind.SocMaximum, device.Name, j => Math.Max(0, soc[j].SolutionValue() - reference[j]),
                Penalty.Add(_solver, any, _n, j => (SocTerms(j), 0), reference, Scaled(price, 1 / _h), zero),
                Penalty.Add(_solver, each, _n, j => (SocTerms(j), 0), reference, price, zero));
        }

        if (targetsSoft)
        {
            var reference = Reference(device.SocTargets!);
            var shortage = _breach.SocMinima!;
            var surplus = _breach.SocMaxima!;
            var anyPenalty = Penalty.Add(_solver, any, _n, j => (SocTerms(j), 0), reference, Scaled(surplus, 1 / _h), Scaled(shortage, 1 / _h));
            var eachPenalty = Penalty.Add(_solver, each, _n, j => (SocTerms(j), 0), reference, surplus, shortage);
            // One pair of penalties prices both directions; report each direction's breach, and the cost once.
            AddSoft(BreachKind.SocTargetShortage, device.Name, j => Math.Max(0, reference[j] - soc[j].SolutionValue()), anyPenalty, eachPenalty);
            _soft.Add(new SoftConstraint(BreachKind.SocTargetSurplus, device.Name, j => Math.Max(0, soc[j].SolutionValue() - reference[j]), []));
        }

        if (device.PreferChargingSooner && double.IsFinite(device.SocMax))
        {
            AddPreferenceForFullStorage(device, soc);
        }

        return soc;
    }

    /// <summary>
    /// FlexMeasures' prefer-charging-sooner: a tiny price on every step's room left below soc-max, at most 1e-4 of
    /// the consumption price spread (or 1e-4) divided by the number of steps; falling to 0 over the horizon when
    /// curtailing later is preferred too, constant otherwise.
    /// </summary>
    private void AddPreferenceForFullStorage(StorageDevice device, Variable[] soc)
    {
        var prices = _problem.Site.ConsumptionPrice;
        var spread = prices.Max() - prices.Min();
        var largest = (spread > 0 ? spread : 1) * 1e-4 / _n;
        for (var j = 0; j < _n; j++)
        {
            var penalty = device.PreferCurtailingLater && _n > 1 ? largest * (1 - ((double)j / (_n - 1))) : largest;
            // penalty/h per MWh, because FlexMeasures prices stock in MW·steps
            var perMwh = penalty / _h;
            _solver.Objective.SetCoefficient(soc[j], _solver.Objective.GetCoefficient(soc[j]) - perMwh);
            _solver.Objective.SetOffset(_solver.Objective.Offset() + (perMwh * device.SocMax));
        }
    }

    private void AddSite()
    {
        var site = _problem.Site;
        var inflexible = _problem.InflexibleDevices ?? [];
        foreach (var device in inflexible.Where(device => device.Curtailable))
        {
            var power = new Variable[_n];
            for (var j = 0; j < _n; j++)
            {
                power[j] = _solver.Continuous(Math.Min(0, device.PowerMw[j]), Math.Max(0, device.PowerMw[j]));
            }

            _curtailable.Add((device, power));
        }

        var consumptionSoft = _breach.SiteConsumption is not null;
        var productionSoft = _breach.SiteProduction is not null;
        var consumptionCapacity = new double[_n];
        var productionCapacity = new double[_n];
        for (var j = 0; j < _n; j++)
        {
            var power = site.PowerCapacityMw?[j] ?? double.PositiveInfinity;
            consumptionCapacity[j] = Math.Min(site.ConsumptionCapacityMw?[j] ?? power, power);
            productionCapacity[j] = Math.Min(site.ProductionCapacityMw?[j] ?? power, power);
            var fixedPower = inflexible.Where(device => !device.Curtailable).Sum(device => device.PowerMw[j]);
            _net[j] = _solver.Continuous(
                -(productionSoft ? power : productionCapacity[j]),
                consumptionSoft ? power : consumptionCapacity[j]);

            // net = Σ flexible power + Σ curtailable power + Σ fixed power
            var balance = _solver.Row(fixedPower, fixedPower);
            balance.SetCoefficient(_net[j], 1);
            foreach (var device in _devices)
            {
                balance.SetCoefficient(device.Up[j], -1);
                balance.SetCoefficient(device.Down[j], 1);
            }

            foreach (var (_, curtailed) in _curtailable)
            {
                balance.SetCoefficient(curtailed[j], -1);
            }

            AddEnergyPrice(j, fixedPower);
        }

        IReadOnlyList<(Variable, double)> NetTerms(int j) => [(_net[j], 1)];
        if (consumptionSoft)
        {
            AddFlowBreach(BreachKind.SiteConsumptionCapacity, null, consumptionCapacity, NetTerms, _breach.SiteConsumption!, up: true);
        }

        if (productionSoft)
        {
            var reference = productionCapacity.Select(value => -value).ToArray();
            AddFlowBreach(BreachKind.SiteProductionCapacity, null, reference, NetTerms, _breach.SiteProduction!, up: false);
        }

        if (site.PeakConsumptionPrice is { } consumptionPeakPrice)
        {
            var reference = Enumerable.Range(0, _n).Select(j => site.PeakConsumptionMw?[j] ?? 0).ToArray();
            _peaks.Add(Penalty.Add(_solver, PenaltyScope.LargestPerRun, _n, j => (NetTerms(j), 0), reference, consumptionPeakPrice, Constant(0)));
        }

        if (site.PeakProductionPrice is { } productionPeakPrice)
        {
            var reference = Enumerable.Range(0, _n).Select(j => -(site.PeakProductionMw?[j] ?? 0)).ToArray();
            _peaks.Add(Penalty.Add(_solver, PenaltyScope.LargestPerRun, _n, j => (NetTerms(j), 0), reference, Constant(0), productionPeakPrice));
        }
    }

    /// <summary>
    /// Net consumption at the consumption price, net production at the production price. Where production pays
    /// more than consumption costs, a binary keeps the site from doing both at once (FlexMeasures' commitment_sign).
    /// </summary>
    private void AddEnergyPrice(int j, double fixedPower)
    {
        var site = _problem.Site;
        var consumptionPrice = site.ConsumptionPrice[j];
        var productionPrice = site.ProductionPrice?[j] ?? consumptionPrice;
        var consumption = _solver.Continuous(0, double.PositiveInfinity);
        var production = _solver.Continuous(0, double.PositiveInfinity);
        var split = _solver.Row(0, 0);
        split.SetCoefficient(_net[j], 1);
        split.SetCoefficient(consumption, -1);
        split.SetCoefficient(production, 1);
        _solver.Objective.SetCoefficient(consumption, consumptionPrice * _h);
        _solver.Objective.SetCoefficient(production, -productionPrice * _h);
        if (productionPrice > consumptionPrice)
        {
            var bound = Math.Abs(fixedPower) + 1
                + _devices.Sum(device => device.Up[j].Ub() + device.Down[j].Ub())
                + _curtailable.Sum(device => Math.Abs(device.Device.PowerMw[j]));
            _oneDirection.Add(new OneDirection(consumption, production, bound, bound));
        }
    }

    /// <summary>A soft capacity: priced on its largest breach (price per MW) and on each step's (price × hours), at each step's price.</summary>
    private void AddFlowBreach(
        BreachKind kind,
        string? device,
        double[] reference,
        Func<int, IReadOnlyList<(Variable, double)>> terms,
        IReadOnlyList<double> price,
        bool up)
    {
        var free = reference.Select(value => double.IsInfinity(value) ? double.NaN : value).ToArray();
        var zero = Constant(0);
        var any = price;
        var each = Scaled(price, _h);
        double Value(int j) => terms(j).Sum(term => term.Item1.SolutionValue() * term.Item2);
        AddSoft(
            kind,
            device,
            j => double.IsNaN(free[j]) ? 0 : Math.Max(0, up ? Value(j) - free[j] : free[j] - Value(j)),
            Penalty.Add(_solver, PenaltyScope.LargestPerRun, _n, j => (terms(j), 0), free, up ? any : zero, up ? zero : any),
            Penalty.Add(_solver, PenaltyScope.EachStep, _n, j => (terms(j), 0), free, up ? each : zero, up ? zero : each));
    }

    private void AddSoft(BreachKind kind, string? device, Func<int, double> breach, params Penalty[] penalties) =>
        _soft.Add(new SoftConstraint(kind, device, breach, penalties));

    private StorageSchedule Extract(SolverStatus status)
    {
        var schedules = new List<DeviceSchedule>();
        foreach (var device in _devices)
        {
            var power = Enumerable.Range(0, _n).Select(j => device.Up[j].SolutionValue() - device.Down[j].SolutionValue()).ToArray();
            double[]? soc = null;
            if (device.Soc is { } socVariables)
            {
                soc = new double[_n + 1];
                soc[0] = device.Device.SocAtStart!.Value;
                for (var j = 0; j < _n; j++)
                {
                    soc[j + 1] = socVariables[j].SolutionValue();
                }
            }

            schedules.Add(new DeviceSchedule(device.Device.Name, power, soc));
        }

        foreach (var (device, power) in _curtailable)
        {
            schedules.Add(new DeviceSchedule(device.Name, power.Select(variable => variable.SolutionValue()).ToArray(), null));
        }

        var net = _net.Select(variable => variable.SolutionValue()).ToArray();
        var breaches = new List<ConstraintBreach>();
        foreach (var soft in _soft)
        {
            var perStep = Enumerable.Range(0, _n).Select(j => soft.Breach(j)).Select(value => value > BreachTolerance ? value : 0).ToArray();
            var largest = perStep.Max();
            if (largest > 0)
            {
                breaches.Add(new ConstraintBreach(soft.Kind, soft.Device, perStep, largest, soft.Penalties.Sum(penalty => penalty.Cost)));
            }
        }

        return new StorageSchedule(
            status,
            schedules,
            net,
            EnergyCost(net),
            _peaks.Sum(peak => peak.Cost),
            _soft.Sum(soft => soft.Penalties.Sum(penalty => penalty.Cost)),
            _solver.Objective.Value(),
            EnergyCost(NetPowerOfDoingNothing()),
            breaches,
            _solver.Elapsed,
            _solver.SolverElapsed);
    }

    private double[] NetPowerOfDoingNothing() =>
        Enumerable.Range(0, _n).Select(j => (_problem.InflexibleDevices ?? []).Sum(device => device.PowerMw[j])).ToArray();

    private double EnergyCost(double[] net)
    {
        var site = _problem.Site;
        var cost = 0.0;
        for (var j = 0; j < _n; j++)
        {
            var price = net[j] >= 0 ? site.ConsumptionPrice[j] : site.ProductionPrice?[j] ?? site.ConsumptionPrice[j];
            cost += net[j] * price * _h;
        }

        return cost;
    }

    private StorageSchedule Failed(SolverStatus status, string? message) =>
        new(status, [], [], double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, [], _solver.Elapsed, _solver.SolverElapsed, message);

    /// <summary>
    /// Coefficients (a, b) of one step of FlexMeasures' stock recursion with losses spread over the step:
    /// <c>soc_j = a·soc_{j-1} + b·change_j</c>, with a = η and b = (η - 1)/ln η (1 without losses).
    /// </summary>
    internal static (double A, double B) LossCoefficients(double efficiency) =>
        efficiency == 1 ? (1, 1) : (efficiency, (efficiency - 1) / Math.Log(efficiency));

    private static double At(IReadOnlyList<double>? values, int j, double fallback) => values?[j] ?? fallback;

    private double[] Constant(double value) => Enumerable.Repeat(value, _n).ToArray();

    private static double[] Scaled(IReadOnlyList<double> values, double factor) => values.Select(value => value * factor).ToArray();

    private static double[] Reference(IReadOnlyList<double?> values) => values.Select(value => value ?? double.NaN).ToArray();

    private sealed record DeviceVariables(StorageDevice Device, Variable[] Up, Variable[] Down, Variable[]? Soc)
    {
        internal IReadOnlyList<(Variable, double)> PowerTerms(int j) => [(Up[j], 1), (Down[j], -1)];
    }

    /// <summary>Two non-negative flows of which at most one may be non-zero (FlexMeasures' sign binaries).</summary>
    private sealed class OneDirection(Variable up, Variable down, double upBound, double downBound)
    {
        internal bool Enforced { get; private set; }

        internal bool IsViolated => Math.Min(up.SolutionValue(), down.SolutionValue()) > 1e-9;

        internal void Enforce(MilpSolver solver)
        {
            var sign = solver.Binary();
            var upRow = solver.Row(double.NegativeInfinity, 0);
            upRow.SetCoefficient(up, 1);
            upRow.SetCoefficient(sign, -upBound);
            var downRow = solver.Row(double.NegativeInfinity, downBound);
            downRow.SetCoefficient(down, 1);
            downRow.SetCoefficient(sign, downBound);
            Enforced = true;
        }
    }

    private sealed record SoftConstraint(BreachKind Kind, string? Device, Func<int, double> Breach, IReadOnlyList<Penalty> Penalties);
}
