using FlexMeasures.Data.Database;
using FlexMeasures.Data.Units;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Scheduling;

/// <summary>
/// Checks the sensors a flex-model or flex-context names, in one query: they exist, the caller may read them, and
/// their units hold the field's kind of value (a price sensor in the currency the other prices use).
/// </summary>
public sealed class FlexSensorCheck(FlexMeasuresDbContext db)
{
    /// <summary>Loads the sensors and adds a problem per bad reference under its field path.</summary>
    /// <param name="mayRead">Whether the caller may read a sensor; null lets every sensor pass (the CLI).</param>
    /// <param name="currency">The currency of the fixed prices, if any; price sensors must use it too.</param>
    public async Task<IReadOnlyDictionary<int, FlexSensor>> CheckAsync(
        IReadOnlyList<FlexSensorReference> references, Func<FlexSensor, bool>? mayRead, string? currency, FlexErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(errors);
        var sensors = await LoadAsync([.. references.Select(r => r.SensorId)], cancellationToken);
        foreach (var reference in references)
        {
            if (!sensors.TryGetValue(reference.SensorId, out var sensor) || (mayRead is not null && !mayRead(sensor)))
            {
                // A sensor of another account is reported like a missing one: its existence is not the caller's business.
                errors.Add(reference.Path, $"No sensor found with id {reference.SensorId} that you may read.");
                continue;
            }

            if (reference.Path[^1] == "state-of-charge")
            {
                if (sensor.EventResolution != TimeSpan.Zero)
                {
                    errors.Add(reference.Path, "The field `state-of-charge` points to a sensor with a non-instantaneous event resolution. Please, use an instantaneous sensor.");
                }
                else if (!UnitConverter.AreConvertible(sensor.Unit, "MWh") && sensor.Unit != "%")
                {
                    errors.Add(reference.Path, $"The `state-of-charge` sensor must record energy (e.g. MWh) or %, not '{sensor.Unit}'.");
                }

                continue;
            }

            if (reference.Kind is { } kind && Problem(sensor, kind, ref currency) is { } problem)
            {
                errors.Add(reference.Path, problem);
            }
        }

        return sensors;
    }

    /// <summary>The sensors with these ids (those that exist).</summary>
    public async Task<IReadOnlyDictionary<int, FlexSensor>> LoadAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var distinct = ids.Distinct().ToList();
        if (distinct.Count == 0)
        {
            return new Dictionary<int, FlexSensor>();
        }

        return await db.Sensors.AsNoTracking().Where(s => distinct.Contains(s.Id))
            .Select(s => new FlexSensor(
                s.Id,
                s.Unit,
                s.EventResolution,
                s.GenericAssetId,
                s.GenericAsset!.AccountId,
                s.GenericAsset.Account == null ? null : s.GenericAsset.Account.ConsultancyAccountId,
                s.Timezone,
                s.Attributes))
            .ToDictionaryAsync(s => s.Id, cancellationToken);
    }

    /// <summary>Why a sensor cannot hold values of a kind; null when it can.</summary>
    internal static string? Problem(FlexSensor sensor, QuantityKind kind, ref string? currency)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        switch (kind)
        {
            case QuantityKind.Power:
                return UnitConverter.AreConvertible(sensor.Unit, "MW", durationKnown: sensor.EventResolution > TimeSpan.Zero)
                    ? null
                    : $"Sensor {sensor.Id} records '{sensor.Unit}', which cannot be converted to MW.";
            case QuantityKind.Energy:
                return UnitConverter.AreConvertible(sensor.Unit, "MWh", durationKnown: sensor.EventResolution > TimeSpan.Zero)
                    ? null
                    : $"Sensor {sensor.Id} records '{sensor.Unit}', which cannot be converted to MWh.";
            case QuantityKind.Fraction:
                return UnitConverter.AreConvertible(sensor.Unit, "")
                    ? null
                    : $"Sensor {sensor.Id} records '{sensor.Unit}', which is not a fraction or percentage.";
            default:
                var per = kind.PricePer();
                if (Prices.CurrencyOf(sensor.Unit, per) is not { } code)
                {
                    return $"Sensor {sensor.Id} records '{sensor.Unit}', which is not a price per {per}.";
                }

                if (currency is not null && currency != code)
                {
                    return $"All prices must share the same currency unit (in this case: '{currency}'); sensor {sensor.Id} records '{sensor.Unit}'.";
                }

                currency = code;
                return null;
        }
    }
}
