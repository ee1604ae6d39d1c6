using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Reporting;

/// <summary>The reporters by name (FlexMeasures' class names), for <c>add report --reporter</c>, jobs and <c>show reporters</c>.</summary>
public static class ReporterCatalogue
{
    /// <summary>The data source every report is stored under has this name (FlexMeasures' default data source) and type.</summary>
    public const string SourceName = "FlexMeasures";

    public const string SourceType = "reporter";

    /// <summary>Name, version and what each reporter computes.</summary>
    public static IReadOnlyList<(string Name, string Version, string Description)> All { get; } =
    [
        (AggregatorReporter.ReporterName, "1", $"One sensor from several: weighted {string.Join(", ", AggregatorReporter.Methods)} per step (config: method, weights)."),
        (ProfitOrLossReporter.ReporterName, "1", "Energy × price per step, summed per output step (config: consumption_price_sensor, production_price_sensor, loss_is_positive)."),
        (FormulaReporter.ReporterName, "1", "A formula over named inputs: + - * / ( ) numbers, min, max, clip, shift, resample (config: formula)."),
    ];

    /// <summary>A reporter with its config checked; nothing is read but the sensors the config names.</summary>
    /// <exception cref="InvalidInputException">Field <c>reporter</c> (no such reporter) or <c>config.…</c>.</exception>
    public static async Task<IReporter> CreateAsync(string name, JsonObject config, FlexMeasuresDbContext db, CancellationToken cancellationToken) =>
        name switch
        {
            AggregatorReporter.ReporterName => AggregatorReporter.FromConfig(config),
            ProfitOrLossReporter.ReporterName => await ProfitOrLossReporter.FromConfigAsync(config, db, cancellationToken),
            FormulaReporter.ReporterName => FormulaReporter.FromConfig(config),
            _ => throw new InvalidInputException("reporter", $"there is no reporter '{name}'; use {string.Join(", ", All.Select(r => r.Name))} (see `flexmeasures show reporters`)"),
        };
}
