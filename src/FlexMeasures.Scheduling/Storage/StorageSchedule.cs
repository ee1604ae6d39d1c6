namespace FlexMeasures.Scheduling.Storage;

/// <summary>The storage scheduler's answer.</summary>
/// <param name="Status">How the solve ended. With <see cref="SolverStatus.Infeasible"/>, <see cref="SolverStatus.Unbounded"/>
/// or <see cref="SolverStatus.Failed"/> the lists are empty and the costs NaN.</param>
/// <param name="Devices">The flexible devices in problem order, then the curtailable inflexible devices in
/// problem order (fixed inflexible devices are not repeated: their power is the input).</param>
/// <param name="SiteNetPowerMw">Per step, MW: the site's net power (all devices, fixed ones included),
/// positive = consumption.</param>
/// <param name="EnergyCost">currency: the energy cost of the schedule, Σ over steps of net consumption ×
/// consumption price × step hours minus net production × production price × step hours. Peak and breach
/// costs are not included.</param>
/// <param name="PeakCost">currency: site peak consumption/production charges of the schedule.</param>
/// <param name="BreachCost">currency: what all <see cref="Breaches"/> cost at their breach prices.</param>
/// <param name="Objective">currency: the optimum the solver minimised: energy + peak + breach cost, plus the
/// tiny tie-breaking terms for <see cref="StorageDevice.PreferChargingSooner"/>.</param>
/// <param name="EnergyCostOfDoingNothing">currency: the energy cost with every flexible device at 0 MW and
/// curtailable devices uncurtailed (the baseline to compare <see cref="EnergyCost"/> with).</param>
/// <param name="Breaches">Soft constraints the schedule breaches (empty when none).</param>
/// <param name="SolveTime">Wall-clock time of building and solving the model.</param>
/// <param name="SolverTime">Of <see cref="SolveTime"/>, the time spent inside HiGHS (the rest builds the model and
/// reads the solution).</param>
/// <param name="Message">Why there is no schedule (which hard constraints conflict), when there is none; else null.</param>
public sealed record StorageSchedule(
    SolverStatus Status,
    IReadOnlyList<DeviceSchedule> Devices,
    IReadOnlyList<double> SiteNetPowerMw,
    double EnergyCost,
    double PeakCost,
    double BreachCost,
    double Objective,
    double EnergyCostOfDoingNothing,
    IReadOnlyList<ConstraintBreach> Breaches,
    TimeSpan SolveTime,
    TimeSpan SolverTime,
    string? Message = null);
