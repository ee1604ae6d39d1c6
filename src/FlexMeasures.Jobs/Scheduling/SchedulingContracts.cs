using System.Text.Json.Nodes;

namespace FlexMeasures.Jobs.Scheduling;

/// <summary>A request for a schedule, as the API and the CLI take it (FlexMeasures' trigger fields).</summary>
/// <param name="SensorId">The power sensor of the one device to schedule (the deprecated sensor trigger).</param>
/// <param name="AssetId">The asset (site) whose devices are scheduled together.</param>
/// <param name="Duration">The planning horizon; null: <see cref="SchedulingOptions.PlanningHorizon"/>.</param>
/// <param name="Resolution">How often setpoints may change; null: the sensors' resolution.</param>
/// <param name="Prior">The belief time: only data known then is used and the schedule is stored as held then; null: now.</param>
/// <param name="FlexModel">One flex-model (sensor trigger) or a list of them, each with <c>sensor</c> (asset trigger); null: the stored ones.</param>
/// <param name="FlexContext">Overrides the flex-context stored on the asset and its ancestors, field by field.</param>
public sealed record ScheduleRequest(
    int? SensorId,
    int? AssetId,
    DateTimeOffset Start,
    TimeSpan? Duration = null,
    TimeSpan? Resolution = null,
    DateTimeOffset? Prior = null,
    JsonNode? FlexModel = null,
    JsonObject? FlexContext = null);

/// <summary>One scheduled device's values, ready to store.</summary>
/// <param name="PowerMw">Per step, MW, consumption positive.</param>
/// <param name="SocMwh">Steps + 1 values (at each step's start and the end), MWh; null without storage.</param>
/// <param name="SocMaxMwh">What 100 % stands for on a SoC sensor in %.</param>
public sealed record DeviceOutcome(int SensorId, IReadOnlyList<double> PowerMw, int? SocSensorId, IReadOnlyList<double>? SocMwh, double? SocMaxMwh);

/// <summary>The costs of a schedule in the flex-context's currency, beside those of doing nothing.</summary>
public sealed record ScheduleCosts(string Currency, double Energy, double Peak, double Breach, double DoingNothing);

/// <summary>A soft constraint the schedule breaks (FlexMeasures' "unresolved" constraints).</summary>
/// <param name="Largest">MW for capacities, MWh for states of charge.</param>
public sealed record BreachReport(string Constraint, string? Device, double Largest, double Cost);
