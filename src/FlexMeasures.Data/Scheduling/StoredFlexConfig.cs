using System.Text.Json.Nodes;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Scheduling;

/// <summary>
/// Checks the flex-model and flex-context stored on an asset (columns <c>flex_model</c>, <c>flex_context</c>) with the
/// same rules as a trigger, so a trigger with an empty body can rely on them. A stored flex-model may name its power
/// sensor (<c>sensor</c>), which must be one of the asset's own sensors.
/// </summary>
public sealed class StoredFlexConfig(FlexSensorCheck check)
{
    /// <summary>Asset types scheduled with the process scheduler (FlexMeasures' rule); every other type gets the storage scheduler.</summary>
    public static IReadOnlyList<string> ProcessAssetTypes { get; } = ["process", "load"];

    /// <summary>Validates the JSON (null: not changed) and returns it normalised.</summary>
    /// <param name="accountId">The asset's account: sensors it names must be of that account or public.</param>
    /// <exception cref="InvalidInputException">Not a JSON object.</exception>
    /// <exception cref="FlexConfigException">A field is wrong; the problems are under <c>flex_model</c> and <c>flex_context</c>.</exception>
    public async Task<(string? FlexModel, string? FlexContext)> ValidateAsync(
        string? flexModel, string? flexContext, int? assetId, int? accountId, string? assetTypeName, CancellationToken cancellationToken)
    {
        var errors = new FlexErrors();
        var references = new List<FlexSensorReference>();
        JsonObject? model = flexModel is null ? null : Json.ParseObject(flexModel, "flex_model");
        JsonObject? context = flexContext is null ? null : Json.ParseObject(flexContext, "flex_context");
        string? currency = null;
        if (context is not null)
        {
            var parsed = FlexParser.Context(context, ["flex_context"], errors);
            references.AddRange(parsed.References);
            currency = parsed.Context?.Currency;
        }

        if (model is not null && model.Count > 0)
        {
            var parsed = ProcessAssetTypes.Contains(assetTypeName ?? "")
                ? FlexParser.Process(model, ["flex_model"], errors).References
                : FlexParser.Storage(model, ["flex_model"], errors).References;
            references.AddRange(parsed);
        }

        var sensors = await check.CheckAsync(references, sensor => sensor.AccountId is null || sensor.AccountId == accountId, currency, errors, cancellationToken);
        foreach (var reference in references.Where(r => r.Path[^1] == "sensor" && r.Path.Count == 2))
        {
            if (sensors.TryGetValue(reference.SensorId, out var sensor) && sensor.AssetId != assetId)
            {
                errors.Add(reference.Path, $"Sensor {sensor.Id} does not belong to this asset.");
            }
        }

        errors.ThrowIfAny();
        return (model?.ToJsonString(), context?.ToJsonString());
    }
}
