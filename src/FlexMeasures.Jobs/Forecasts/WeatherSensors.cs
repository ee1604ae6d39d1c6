using System.Globalization;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>
/// The nearest weather sensor of a kind (a sensor on an asset of type "weather station" whose name holds the
/// kind, e.g. "temperature"), by great-circle distance: PostgreSQL's <c>earthdistance</c>, or on SQLite the same
/// formula (haversine on a sphere of the same radius) in code.
/// </summary>
public sealed class WeatherSensors(FlexMeasuresDbContext db)
{
    public const string WeatherStationType = "weather station";

    /// <summary>The radius <c>earthdistance</c>'s <c>earth()</c> uses, in metres.</summary>
    public const double EarthRadius = 6378168;

    /// <summary>Which weather matters for an asset type, as FlexMeasures chose: sun for solar, wind for wind, else temperature.</summary>
    public static IReadOnlyList<string> KindsFor(string? assetType) => (assetType ?? "").ToLowerInvariant() switch
    {
        var t when t.Contains("solar", StringComparison.Ordinal) => ["irradiance", "radiation"],
        var t when t.Contains("wind", StringComparison.Ordinal) => ["wind speed"],
        _ => ["temperature"],
    };

    /// <summary>The nearest weather sensor of the kind with a location, or null; distance in metres.</summary>
    public async Task<(Sensor Sensor, double Distance)?> NearestAsync(double latitude, double longitude, string kind, CancellationToken cancellationToken)
    {
        var pattern = $"%{kind.ToLowerInvariant()}%";
        var candidates = db.Sensors.AsNoTracking()
            .Where(s => s.GenericAsset!.GenericAssetType!.Name == WeatherStationType
                && s.GenericAsset.Latitude != null && s.GenericAsset.Longitude != null
                && EF.Functions.Like(s.Name.ToLower(), pattern));
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var nearest = await db.Database.SqlQuery<Nearest>(
                $"""
                SELECT s.id AS "Id", earth_distance(ll_to_earth({latitude}, {longitude}), ll_to_earth(a.latitude, a.longitude)) AS "Distance"
                FROM sensor s JOIN generic_asset a ON a.id = s.generic_asset_id JOIN generic_asset_type t ON t.id = a.generic_asset_type_id
                WHERE t.name = {WeatherStationType} AND a.latitude IS NOT NULL AND a.longitude IS NOT NULL AND lower(s.name) LIKE {pattern}
                ORDER BY 2, s.id
                LIMIT 1
                """).ToListAsync(cancellationToken);
            if (nearest.Count == 0)
            {
                return null;
            }

            return (await candidates.SingleAsync(s => s.Id == nearest[0].Id, cancellationToken), nearest[0].Distance);
        }

        var all = await candidates.Select(s => new { Sensor = s, s.GenericAsset!.Latitude, s.GenericAsset.Longitude }).ToListAsync(cancellationToken);
        var best = all
            .Select(c => (c.Sensor, Distance: Distance(latitude, longitude, c.Latitude!.Value, c.Longitude!.Value)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Sensor.Id)
            .FirstOrDefault();
        return best.Sensor is null ? null : best;
    }

    /// <summary>Great-circle distance in metres between two points given in degrees.</summary>
    public static double Distance(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(latitude2 - latitude1);
        var dLon = Radians(longitude2 - longitude1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(Radians(latitude1)) * Math.Cos(Radians(latitude2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private sealed record Nearest(int Id, double Distance);

    /// <summary>For messages.</summary>
    public static string Describe(Sensor sensor, double distance) =>
        string.Create(CultureInfo.InvariantCulture, $"sensor {sensor.Id} '{sensor.Name}' ({distance / 1000:0.#} km away)");
}
