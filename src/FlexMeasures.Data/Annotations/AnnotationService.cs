using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Annotations;

/// <summary>
/// Stores, finds and removes annotations of accounts, assets and sensors, one transaction per call; the API and the
/// command line both go through here.
/// </summary>
/// <remarks>
/// An annotation is stored once: adding one with the same content, start, end, source and type as a stored one
/// (FlexMeasures' <c>get_or_create_annotation</c>) links the stored one instead, and says it was not created.
/// </remarks>
public sealed class AnnotationService(FlexMeasuresDbContext db)
{
    /// <summary>FlexMeasures' limit on <c>annotation.content</c>.</summary>
    public const int MaxContentLength = 1024;

    /// <summary>The problem with an annotation's fields, as (field, message in lower case); null when it may be stored.</summary>
    public static (string Field, string Message)? Problem(NewAnnotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        if (string.IsNullOrWhiteSpace(annotation.Content))
        {
            return ("content", "must not be empty");
        }

        if (annotation.Content.Length > MaxContentLength)
        {
            return ("content", $"longer than the maximum length of {MaxContentLength} characters");
        }

        if (annotation.Content.Contains('\0', StringComparison.Ordinal))
        {
            return ("content", "must not hold a NUL character");
        }

        if (!AnnotationTypes.All.Contains(annotation.Type, StringComparer.Ordinal))
        {
            return ("type", $"must be one of: {string.Join(", ", AnnotationTypes.All)}");
        }

        return annotation.End <= annotation.Start ? ("end", "must be after start") : null;
    }

    /// <summary>Stores the annotation (or finds the identical stored one) and attaches it to every target.</summary>
    /// <exception cref="InvalidInputException">A field is invalid, there is no target, or a target does not exist.</exception>
    public async Task<AnnotationSaved> AddAsync(NewAnnotation annotation, IReadOnlyCollection<AnnotatedObject> targets, CancellationToken cancellationToken) =>
        (await AddAllAsync([annotation], targets, cancellationToken))[0];

    /// <summary>Like <see cref="AddAsync"/> for several annotations, all or none.</summary>
    /// <exception cref="InvalidInputException">A field is invalid, there is no target, or a target does not exist.</exception>
    public Task<IReadOnlyList<AnnotationSaved>> AddAllAsync(
        IReadOnlyList<NewAnnotation> annotations, IReadOnlyCollection<AnnotatedObject> targets, CancellationToken cancellationToken) =>
        db.InTransactionAsync<IReadOnlyList<AnnotationSaved>>(
            async ct =>
            {
                ArgumentNullException.ThrowIfNull(annotations);
                ArgumentNullException.ThrowIfNull(targets);
                foreach (var annotation in annotations)
                {
                    if (Problem(annotation) is { } problem)
                    {
                        throw new InvalidInputException(problem.Field, problem.Message);
                    }
                }

                var (accounts, assets, sensors) = await LoadTargetsAsync(targets, ct);

                // Two requests adding the same annotation at once store it once: the second waits and finds the first's.
                foreach (var sourceId in annotations.Select(a => a.SourceId).Distinct())
                {
                    await db.LockNameAsync($"annotation:{sourceId}", ct);
                }

                var saved = new List<(Annotation Entity, bool Created)>();
                foreach (var annotation in annotations.Distinct())
                {
                    var (entity, created) = await FindOrAddAsync(annotation, ct);
                    Link(entity.Accounts, accounts);
                    Link(entity.Assets, assets);
                    Link(entity.Sensors, sensors);
                    saved.Add((entity, created));
                }

                await db.SaveChangesAsync(ct);
                var sourceIds = saved.Select(x => x.Entity.SourceId).Distinct().ToList();
                var sourceNames = await db.DataSources.AsNoTracking()
                    .Where(s => sourceIds.Contains(s.Id))
                    .ToDictionaryAsync(s => s.Id, s => s.Name, ct);
                return [.. saved.Select(x => new AnnotationSaved(ToRecord(x.Entity, sourceNames[x.Entity.SourceId]), x.Created))];
            },
            cancellationToken);

    /// <summary>The annotations the query selects, by start (then id).</summary>
    public Task<List<AnnotationRecord>> FindAsync(AnnotationQuery query, CancellationToken cancellationToken) =>
        Select(query).OrderBy(a => a.Start).ThenBy(a => a.Id)
            .Select(a => new AnnotationRecord(a.Id, a.Content, a.Start, a.End, a.BeliefTime, a.Type, a.SourceId, a.Source!.Name))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Removes the selected annotations from the query's target, and deletes those then attached to nothing; without a
    /// target, deletes the selected annotations from everything. Returns how many were removed and how many of those deleted.
    /// </summary>
    public Task<(int Removed, int Deleted)> RemoveAsync(AnnotationQuery query, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                ArgumentNullException.ThrowIfNull(query);
                var selected = await Select(query, tracked: true)
                    .Include(a => a.Accounts).Include(a => a.Assets).Include(a => a.Sensors)
                    .AsSplitQuery()
                    .ToListAsync(ct);
                var deleted = 0;
                foreach (var annotation in selected)
                {
                    if (query.Target is { } target)
                    {
                        Unlink(annotation, target);
                    }

                    if (query.Target is null || annotation.Accounts.Count + annotation.Assets.Count + annotation.Sensors.Count == 0)
                    {
                        db.Annotations.Remove(annotation);
                        deleted++;
                    }
                }

                return (selected.Count, deleted);
            },
            cancellationToken);

    /// <summary>
    /// The holiday periods (UTC) that apply to a sensor in <c>[start, end)</c>: holiday annotations of the sensor, of
    /// its asset and that asset's ancestors, and of the asset's account.
    /// </summary>
    public async Task<List<(DateTime Start, DateTime End)>> HolidaysOfSensorAsync(int sensorId, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var sensor = await db.Sensors.AsNoTracking().Where(s => s.Id == sensorId)
            .Select(s => new { s.GenericAssetId, s.GenericAsset!.AccountId, s.GenericAsset.ParentAssetId })
            .SingleAsync(cancellationToken);
        var assets = new List<int> { sensor.GenericAssetId };
        for (var parent = sensor.ParentAssetId; parent is { } id && !assets.Contains(id);)
        {
            assets.Add(id);
            parent = await db.GenericAssets.AsNoTracking().Where(a => a.Id == id).Select(a => a.ParentAssetId).SingleAsync(cancellationToken);
        }

        var accountId = sensor.AccountId;
        return (await db.Annotations.AsNoTracking()
                .Where(a => a.Type == AnnotationTypes.Holiday && a.End > start && a.Start < end)
                .Where(a => a.Sensors.Any(s => s.Id == sensorId)
                    || a.Assets.Any(g => assets.Contains(g.Id))
                    || (accountId != null && a.Accounts.Any(x => x.Id == accountId)))
                .OrderBy(a => a.Start)
                .Select(a => new { a.Start, a.End })
                .ToListAsync(cancellationToken))
            .ConvertAll(a => (a.Start, a.End));
    }

    private IQueryable<Annotation> Select(AnnotationQuery query, bool tracked = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        var annotations = tracked ? db.Annotations : db.Annotations.AsNoTracking();
        if (query.Target is { } target)
        {
            var id = target.Id;
            annotations = target.Kind switch
            {
                AnnotatedKind.Account => annotations.Where(a => a.Accounts.Any(x => x.Id == id)),
                AnnotatedKind.Asset => annotations.Where(a => a.Assets.Any(x => x.Id == id)),
                _ => annotations.Where(a => a.Sensors.Any(x => x.Id == id)),
            };
        }

        if (query.EndsAfter is { } after)
        {
            annotations = annotations.Where(a => a.End > after);
        }

        if (query.StartsBefore is { } before)
        {
            annotations = annotations.Where(a => a.Start < before);
        }

        if (query.Type is { } type)
        {
            annotations = annotations.Where(a => a.Type == type);
        }

        if (query.KnownBy is { } knownBy)
        {
            annotations = annotations.Where(a => a.BeliefTime == null || a.BeliefTime <= knownBy);
        }

        if (query.SourceId is { } sourceId)
        {
            annotations = annotations.Where(a => a.SourceId == sourceId);
        }

        return annotations;
    }

    /// <summary>Checks that there are targets and that they exist, before the caller makes anything for them.</summary>
    /// <exception cref="InvalidInputException">No target, or one that does not exist.</exception>
    public Task RequireTargetsAsync(IReadOnlyCollection<AnnotatedObject> targets, CancellationToken cancellationToken) =>
        LoadTargetsAsync(targets, cancellationToken);

    private async Task<(List<Accounts.Account>, List<Assets.GenericAsset>, List<Sensors.Sensor>)> LoadTargetsAsync(
        IReadOnlyCollection<AnnotatedObject> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0)
        {
            throw new InvalidInputException("target", "no accounts, assets or sensors to annotate; give at least one");
        }

        List<int> Ids(AnnotatedKind kind) => [.. targets.Where(t => t.Kind == kind).Select(t => t.Id).Distinct()];
        var accountIds = Ids(AnnotatedKind.Account);
        var assetIds = Ids(AnnotatedKind.Asset);
        var sensorIds = Ids(AnnotatedKind.Sensor);
        var accounts = await db.Accounts.Where(a => accountIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var assets = await db.GenericAssets.Where(a => assetIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var sensors = await db.Sensors.Where(s => sensorIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var missing = accountIds.Except(accounts.Select(a => a.Id)).Select(id => new AnnotatedObject(AnnotatedKind.Account, id))
            .Concat(assetIds.Except(assets.Select(a => a.Id)).Select(id => new AnnotatedObject(AnnotatedKind.Asset, id)))
            .Concat(sensorIds.Except(sensors.Select(s => s.Id)).Select(id => new AnnotatedObject(AnnotatedKind.Sensor, id)))
            .Select(t => (AnnotatedObject?)t)
            .FirstOrDefault();
        if (missing is { } unknown)
        {
            throw new InvalidInputException(unknown.Field, $"no {unknown.Field} with id {unknown.Id}");
        }

        return (accounts, assets, sensors);
    }

    private async Task<(Annotation Entity, bool Created)> FindOrAddAsync(NewAnnotation annotation, CancellationToken cancellationToken)
    {
        var content = annotation.Content;
        var start = DateTime.SpecifyKind(annotation.Start, DateTimeKind.Utc);
        var end = DateTime.SpecifyKind(annotation.End, DateTimeKind.Utc);
        var existing = await db.Annotations
            .Include(a => a.Accounts).Include(a => a.Assets).Include(a => a.Sensors)
            .AsSplitQuery()
            .Where(a => a.Content == content && a.Start == start && a.End == end && a.SourceId == annotation.SourceId && a.Type == annotation.Type)
            .OrderBy(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return (existing, false);
        }

        // The table's unique key leaves the end out: the same note from the same start with another end cannot be stored beside it.
        var beliefTime = annotation.BeliefTime is { } b ? DateTime.SpecifyKind(b, DateTimeKind.Utc) : (DateTime?)null;
        if (beliefTime is not null && await db.Annotations.AnyAsync(
            a => a.Content == content && a.Start == start && a.BeliefTime == beliefTime && a.SourceId == annotation.SourceId && a.Type == annotation.Type,
            cancellationToken))
        {
            throw new InvalidInputException("end", "an annotation with this content, start, prior, type and source is stored with another end");
        }

        var entity = new Annotation { Content = content, Start = start, End = end, BeliefTime = beliefTime, SourceId = annotation.SourceId, Type = annotation.Type };
        db.Annotations.Add(entity);
        return (entity, true);
    }

    private static void Link<T>(ICollection<T> links, List<T> targets)
    {
        foreach (var target in targets.Where(t => !links.Contains(t)))
        {
            links.Add(target);
        }
    }

    private static void Unlink(Annotation annotation, AnnotatedObject target)
    {
        switch (target.Kind)
        {
            case AnnotatedKind.Account:
                annotation.Accounts.Remove(annotation.Accounts.Single(a => a.Id == target.Id));
                break;
            case AnnotatedKind.Asset:
                annotation.Assets.Remove(annotation.Assets.Single(a => a.Id == target.Id));
                break;
            default:
                annotation.Sensors.Remove(annotation.Sensors.Single(s => s.Id == target.Id));
                break;
        }
    }

    private static AnnotationRecord ToRecord(Annotation a, string sourceName) =>
        new(a.Id, a.Content, a.Start, a.End, a.BeliefTime, a.Type, a.SourceId, sourceName);
}
