using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Beliefs.Import;

/// <summary>Imports CSV files (or Excel workbooks, by their extension) of beliefs for one sensor and source, all or nothing.</summary>
public sealed class BeliefImporter(FlexMeasuresDbContext db, BeliefStore store, DataSourceService sources, TimeProvider clock)
{
    /// <summary>Source type of sources created by naming a new source on import.</summary>
    public const string NewSourceType = "CLI script";

    /// <param name="files">CSV files and the sensor each is about; all are imported in one transaction.</param>
    /// <param name="source">An existing source's id or name, or a new name (a source of type <see cref="NewSourceType"/> is made).</param>
    /// <param name="options">How to read the files.</param>
    /// <param name="progress">Receives (bytes read, total bytes) as the import goes.</param>
    /// <exception cref="InvalidInputException">Unknown sensor or source, missing or empty file, conflicting options.</exception>
    /// <exception cref="BeliefImportException">A row cannot be read.</exception>
    /// <exception cref="ReplacementRefusedException">A stored value would change and overwriting is off.</exception>
    public Task<BeliefImportResult> ImportAsync(
        IReadOnlyList<(string File, int SensorId)> files, string source, CsvImportOptions options, IProgress<(long Read, long Total)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (file, _) in files)
        {
            if (!File.Exists(file))
            {
                throw new InvalidInputException("file", $"'{file}' does not exist");
            }
        }

        var inputs = files
            .Select(f => new CsvBeliefInput(f.File, f.SensorId, new FileInfo(f.File).Length, () => new FileStream(f.File, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan)))
            .ToList();
        return ImportAsync(inputs, ct => sources.FindOrCreateAsync(source, NewSourceType, ct), options, progress, cancellationToken);
    }

    /// <param name="inputs">CSV texts and the sensor each is about; all are imported in one transaction.</param>
    /// <param name="source">Finds or makes the source of the beliefs, inside the import's transaction.</param>
    /// <param name="options">How to read the texts.</param>
    /// <param name="progress">Receives (bytes read, total bytes) as the import goes.</param>
    /// <exception cref="InvalidInputException">Unknown sensor or source, an empty text, conflicting options.</exception>
    /// <exception cref="BeliefImportException">A row cannot be read; <see cref="BeliefImportException.File"/> names the input.</exception>
    /// <exception cref="ReplacementRefusedException">A stored value would change and overwriting is off.</exception>
    public async Task<BeliefImportResult> ImportAsync(
        IReadOnlyList<CsvBeliefInput> inputs,
        Func<CancellationToken, Task<(DataSource Source, bool Created)>> source,
        CsvImportOptions options,
        IProgress<(long Read, long Total)>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (new[] { options.Horizon is not null, options.BeliefTimeColumn is not null, options.Prior is not null }.Count(given => given) > 1)
        {
            throw new InvalidInputException("horizon", "give at most one of --horizon, --belief-time-column and --prior");
        }

        if (options.CumulativeProbability is <= 0 or >= 1)
        {
            throw new InvalidInputException("cp", $"must be between 0 and 1, got {options.CumulativeProbability}");
        }

        var sensorIds = inputs.Select(f => f.SensorId).Distinct().ToList();
        var sensors = await db.Sensors.AsNoTracking().Where(s => sensorIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        foreach (var id in sensorIds.Where(id => !sensors.ContainsKey(id)))
        {
            throw new InvalidInputException("sensor", $"no sensor with id {id}");
        }

        var total = inputs.Sum(f => f.Length);
        long done = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (dataSource, created) = await source(cancellationToken);

        // All locks at once and in one order: two imports of the same sensors in other file orders never deadlock.
        foreach (var sensorId in sensorIds.Order())
        {
            await db.LockBeliefsAsync(sensorId, dataSource.Id, cancellationToken);
        }

        var saved = new SaveResult(0, 0, 0, 0, 0, 0);
        var perSensor = new Dictionary<int, SaveResult>();
        foreach (var input in inputs)
        {
            var (file, sensorId) = (input.Name, input.SensorId);
            var reader = new CsvBeliefReader(sensors[sensorId], options, clock.GetUtcNow().UtcDateTime, file);
            await using var stream = input.Open();
            var before = done;
            SaveResult result;
            try
            {
                result = await store.SaveAsync(
                    sensorId,
                    dataSource.Id,
                    reader.ReadAsync(stream, cancellationToken),
                    options.AllowOverwrite,
                    new Progress<long>(_ => progress?.Report((before + reader.BytesRead, total))),
                    cancellationToken);
            }
            catch (BeliefImportException e) when (e.File is null)
            {
                throw e.In(file);
            }

            if (reader.DataRows == 0)
            {
                throw new InvalidInputException("file", $"'{file}' has no data rows{(options.SkipRows > 0 ? $" after the first {options.SkipRows} line(s), which --skiprows skips as a header" : "")}; nothing was stored");
            }

            saved += result;
            perSensor[sensorId] = perSensor.TryGetValue(sensorId, out var earlier) ? earlier + result : result;
            done += input.Length;
        }

        await transaction.CommitAsync(cancellationToken);
        progress?.Report((total, total));
        return new BeliefImportResult(saved, dataSource, created, options.Horizon is null && options.BeliefTimeColumn is null && options.Prior is null)
        {
            NewMeasurements = [.. perSensor
                .Where(s => s.Value.Measurements is not null)
                .Select(s => new MeasurementWindow(s.Key, s.Value.Measurements!.Value.First, s.Value.Measurements!.Value.Last))],
        };
    }
}
