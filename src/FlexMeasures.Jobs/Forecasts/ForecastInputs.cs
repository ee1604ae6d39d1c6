using System.Globalization;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Annotations;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Validation;
using FlexMeasures.Forecasting;
using FlexMeasures.Forecasting.Calendar;
using FlexMeasures.Forecasting.Naive;
using FlexMeasures.Forecasting.Seasonal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>What a model gets besides the sensor's own measurements, and where it came from (for messages).</summary>
/// <param name="Regressors">Forecasts of other sensors, each event's value as known at its belief time.</param>
/// <param name="PastRegressors">Measurements of other sensors.</param>
/// <param name="Calendar">The sensor's time zone and holiday country.</param>
/// <param name="Description">Which sensors, for the outcome; null when none.</param>
public sealed record ForecastInputSet(IReadOnlyList<Series> Regressors, IReadOnlyList<Series> PastRegressors, ForecastCalendar Calendar, string? Description)
{
    /// <summary>The request with these inputs.</summary>
    public ForecastRequest ToRequest(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request with { Regressors = Regressors, PastRegressors = PastRegressors, Calendar = Calendar };
    }
}

/// <summary>
/// Finds a sensor's regressors and calendar: the sensors its attributes name under FlexMeasures' keys
/// <c>future-regressors</c> (forecasts), <c>past-regressors</c> (measurements) and <c>regressors</c> (both), or
/// else — for the models that use regressors — the nearest weather station's sensor of the kind that matters for the
/// asset; the time zone is the sensor's, the holiday country the attribute <c>country</c> of the sensor or its asset,
/// else <c>Forecasting__Country</c>, and the holidays also those annotated (type <c>holiday</c>) on the sensor, its asset
/// and that asset's ancestors, and its account.
/// </summary>
/// <remarks>
/// A forecast may only use what was known at its belief time, so a regressor's value for an event is its most recent
/// belief held at least the forecast horizon before that event's knowledge time (belief horizon ≥ the forecast's),
/// and none held after the run's last belief time: a weather forecast, never the later measurement.
/// </remarks>
public sealed class ForecastInputs(FlexMeasuresDbContext db, SeriesReader reader, WeatherSensors weather, IOptions<ForecastingOptions> options)
{
    public const string RegressorsKey = "regressors";
    public const string FutureRegressorsKey = "future-regressors";
    public const string PastRegressorsKey = "past-regressors";
    public const string CountryKey = "country";

    /// <summary>Models that may take regressors (the naive ones never do; auto passes them to its candidates).</summary>
    public static bool UsesRegressors(IForecastModel model) => model is not (NaiveModel or SeasonalNaiveModel);

    /// <param name="sensor">The forecast sensor, with its asset and asset type loaded.</param>
    /// <param name="horizon">The FlexMeasures belief horizon of the forecasts.</param>
    /// <param name="lastBeliefTime">The belief time of the run's last forecast.</param>
    /// <exception cref="InvalidInputException">An attribute names an unknown sensor or a country without a holiday calendar.</exception>
    public async Task<ForecastInputSet> FindAsync(
        Sensor sensor, IForecastModel model, DateTime start, DateTime end, TimeSpan horizon, DateTime lastBeliefTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(model);
        var calendar = new ForecastCalendar(TimeZones.Find(sensor.Timezone), Country(sensor))
        {
            HolidayPeriods = await new AnnotationService(db).HolidaysOfSensorAsync(sensor.Id, start, end, cancellationToken),
        };
        if (!UsesRegressors(model))
        {
            return new ForecastInputSet([], [], calendar, null);
        }

        var attributes = Json.ParseObject(sensor.Attributes, "attributes");
        var future = SensorIds(attributes, FutureRegressorsKey).Concat(SensorIds(attributes, RegressorsKey)).Distinct().ToList();
        var past = SensorIds(attributes, PastRegressorsKey).Concat(SensorIds(attributes, RegressorsKey)).Distinct().ToList();
        var named = await db.Sensors.AsNoTracking().Where(s => future.Contains(s.Id) || past.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        foreach (var missing in future.Concat(past).Where(id => !named.ContainsKey(id)))
        {
            throw new InvalidInputException("attributes", $"sensor {sensor.Id} names regressor sensor {missing}, which does not exist");
        }

        var forecasts = new BeliefQuery { SensorId = 0, HorizonsAtLeast = horizon, BeliefsBefore = lastBeliefTime.AddTicks(1) };
        if (future.Count > 0 || past.Count > 0)
        {
            var regressors = new List<Series>();
            foreach (var id in future)
            {
                regressors.Add(await ReadAsync(id, start, end, sensor.EventResolution, forecasts with { SensorId = id }, cancellationToken));
            }

            var pastRegressors = new List<Series>();
            foreach (var id in past)
            {
                pastRegressors.Add(await ReadAsync(id, start, end, sensor.EventResolution, new BeliefQuery { SensorId = id, HorizonsAtMost = TimeSpan.Zero }, cancellationToken));
            }

            var names = string.Join(", ", future.Concat(past).Distinct().Select(id => string.Create(CultureInfo.InvariantCulture, $"sensor {id} '{named[id].Name}'")));
            return new ForecastInputSet(regressors, pastRegressors, calendar, names);
        }

        if (sensor.GenericAsset is not { Latitude: { } latitude, Longitude: { } longitude } asset)
        {
            return new ForecastInputSet([], [], calendar, null);
        }

        foreach (var kind in WeatherSensors.KindsFor(asset.GenericAssetType?.Name))
        {
            if (await weather.NearestAsync(latitude, longitude, kind, cancellationToken) is not { } found)
            {
                continue;
            }

            var (station, distance) = found;
            var series = await ReadAsync(station.Id, start, end, sensor.EventResolution, forecasts with { SensorId = station.Id }, cancellationToken);
            return series.Values.Count(v => v is not null) >= 0.9 * series.Count
                ? new ForecastInputSet([series], [], calendar, WeatherSensors.Describe(station, distance))
                : new ForecastInputSet([], [], calendar, null);
        }

        return new ForecastInputSet([], [], calendar, null);
    }

    private string? Country(Sensor sensor)
    {
        foreach (var (attributes, where) in new[] { (sensor.Attributes, $"sensor {sensor.Id}"), (sensor.GenericAsset?.Attributes, $"asset {sensor.GenericAssetId}") })
        {
            if (Json.ParseObject(attributes, "attributes")[CountryKey] is JsonValue value && value.TryGetValue<string>(out var country))
            {
                return ForecastCalendar.SupportsCountry(country)
                    ? country
                    : throw new InvalidInputException("attributes", $"{where} has country '{country}', which has no public-holiday calendar; known: {string.Join(", ", ForecastCalendar.KnownCountries)}");
            }
        }

        return string.IsNullOrWhiteSpace(options.Value.Country) ? null : options.Value.Country;
    }

    /// <summary>Sensor ids under a key: numbers, or objects with a <c>sensor</c> id (FlexMeasures' source-filtered references).</summary>
    private static IEnumerable<int> SensorIds(JsonObject attributes, string key)
    {
        if (attributes[key] is null)
        {
            yield break;
        }

        if (attributes[key] is not JsonArray list)
        {
            throw new InvalidInputException("attributes", $"'{key}' must be a list of sensor ids");
        }

        foreach (var item in list)
        {
            if (item is JsonValue number && number.TryGetValue<int>(out var id))
            {
                yield return id;
            }
            else if (item is JsonObject reference && reference["sensor"] is JsonValue inner && inner.TryGetValue<int>(out var referenced))
            {
                yield return referenced;
            }
            else
            {
                throw new InvalidInputException("attributes", $"'{key}' holds {item?.ToJsonString() ?? "null"}, which is not a sensor id");
            }
        }
    }

    private Task<Series> ReadAsync(int sensorId, DateTime start, DateTime end, TimeSpan resolution, BeliefQuery beliefs, CancellationToken cancellationToken) =>
        ReadAsync(reader, sensorId, start, end, resolution, beliefs, cancellationToken);

    /// <summary>Values of a sensor on the given grid, as the forecasting library's series.</summary>
    internal static async Task<Series> ReadAsync(SeriesReader reader, int sensorId, DateTime start, DateTime end, TimeSpan resolution, BeliefQuery beliefs, CancellationToken cancellationToken)
    {
        var values = await reader.ReadAsync(new SeriesQuery(sensorId, start, end - start, resolution, null, beliefs), cancellationToken);
        return new Series(DateTime.SpecifyKind(start, DateTimeKind.Utc), resolution, [.. values.Values]);
    }
}
