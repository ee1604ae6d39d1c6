using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Sensors;

/// <summary>Works out a sensor's <see cref="SensorStatus"/> per source type, now (by the registered clock).</summary>
public sealed class SensorStatusReader(FlexMeasuresDbContext db, BeliefSearch search, TimeProvider clock)
{
    /// <summary>
    /// The statuses, from each source's latest event among the beliefs held by now (beliefs formed later do not
    /// count yet): two statements, the beliefs and their sources' types.
    /// </summary>
    public async Task<IReadOnlyList<SensorStatus>> ReadAsync(Sensor sensor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var now = clock.GetUtcNow().UtcDateTime;
        var latest = await search.SearchAsync(
            sensor,
            new BeliefQuery { SensorId = sensor.Id, BeliefsBefore = now, SourceTypes = SensorStatus.SourceTypes, MostRecentEventsOnly = true },
            cancellationToken);
        var sourceIds = latest.Select(b => b.SourceId).Distinct().ToList();
        var types = await db.DataSources.AsNoTracking()
            .Where(s => sourceIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Type ?? "", cancellationToken);
        var latestPerType = latest
            .GroupBy(b => types[b.SourceId])
            .ToDictionary(g => g.Key, g => g.Max(b => b.EventStart));
        return SensorStatus.Evaluate(
            latestPerType,
            eventStart => KnowledgeHorizons.KnowledgeTime(sensor.KnowledgeHorizonFnc, sensor.KnowledgeHorizonPar, eventStart, sensor.EventResolution),
            SensorStatusSpecs.Of(sensor),
            now);
    }
}
