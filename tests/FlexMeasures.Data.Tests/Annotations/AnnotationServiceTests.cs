using FlexMeasures.Data.Annotations;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using FlexMeasures.Testing;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Tests.Annotations;

public sealed class AnnotationServiceTests
{
    private static readonly DateTime Start = new(2025, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [BothProviders]
    public async Task AddAsync_StoresOnce_AndLinksTheStoredOne_WhenTheSameAnnotationIsAddedAgain(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var structure = await StructureAsync(database);
        await using var db = database.CreateContext();
        var service = new AnnotationService(db);
        var note = Note(structure.Source.Id);

        var first = await service.AddAsync(note, [new(AnnotatedKind.Sensor, structure.Sensor.Id)], CancellationToken.None);
        var again = await service.AddAsync(note, [new(AnnotatedKind.Asset, structure.Asset.Id), new(AnnotatedKind.Account, structure.Account.Id)], CancellationToken.None);
        var otherEnd = await service.AddAsync(note with { End = Start.AddHours(3) }, [new(AnnotatedKind.Sensor, structure.Sensor.Id)], CancellationToken.None);

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Annotation.Id, again.Annotation.Id);
        Assert.True(otherEnd.Created);
        Assert.Equal("test source", first.Annotation.SourceName);
        await using var check = database.CreateContext();
        Assert.Equal(2, await check.Annotations.CountAsync());
        var stored = await check.Annotations.Include(a => a.Accounts).Include(a => a.Assets).Include(a => a.Sensors).SingleAsync(a => a.Id == first.Annotation.Id);
        Assert.Equal([structure.Account.Id], stored.Accounts.Select(a => a.Id));
        Assert.Equal([structure.Asset.Id], stored.Assets.Select(a => a.Id));
        Assert.Equal([structure.Sensor.Id], stored.Sensors.Select(s => s.Id));
    }

    [Theory]
    [BothProviders]
    public async Task AddAllAsync_StoresNothing_WhenATargetDoesNotExist(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var structure = await StructureAsync(database);
        await using var db = database.CreateContext();
        var service = new AnnotationService(db);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => service.AddAllAsync(
            [Note(structure.Source.Id), Note(structure.Source.Id) with { Content = "second" }],
            [new(AnnotatedKind.Asset, structure.Asset.Id), new(AnnotatedKind.Sensor, 999)],
            CancellationToken.None));

        Assert.Equal("sensor", error.Field);
        Assert.Equal("no sensor with id 999", error.Message);
        await using var check = database.CreateContext();
        Assert.Equal(0, await check.Annotations.CountAsync());
    }

    [Theory]
    [InlineData("", "content")]
    [InlineData("bad type", "type")]
    [InlineData("end", "end")]
    [InlineData("long", "content")]
    public void Problem_NamesTheField_OfAnInvalidAnnotation(string what, string field)
    {
        var note = Note(1);
        note = what switch
        {
            "" => note with { Content = " " },
            "bad type" => note with { Type = "party" },
            "end" => note with { End = note.Start },
            _ => note with { Content = new string('x', AnnotationService.MaxContentLength + 1) },
        };

        Assert.Equal(field, AnnotationService.Problem(note)?.Field);
        Assert.Null(AnnotationService.Problem(Note(1) with { Content = new string('x', AnnotationService.MaxContentLength) }));
    }

    [Theory]
    [BothProviders]
    public async Task FindAsync_SelectsByObjectPeriodOverlapAndType(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var structure = await StructureAsync(database);
        await using var db = database.CreateContext();
        var service = new AnnotationService(db);
        var sensor = new AnnotatedObject(AnnotatedKind.Sensor, structure.Sensor.Id);
        await service.AddAllAsync(
            [
                Note(structure.Source.Id) with { Content = "morning", Start = Start, End = Start.AddHours(2) },
                Note(structure.Source.Id) with { Content = "afternoon", Start = Start.AddHours(4), End = Start.AddHours(6), Type = AnnotationTypes.Alert },
            ],
            [sensor],
            CancellationToken.None);
        await service.AddAsync(Note(structure.Source.Id) with { Content = "asset only" }, [new(AnnotatedKind.Asset, structure.Asset.Id)], CancellationToken.None);

        var all = await service.FindAsync(new AnnotationQuery(sensor), CancellationToken.None);
        var touching = await service.FindAsync(new AnnotationQuery(sensor, EndsAfter: Start.AddHours(2), StartsBefore: Start.AddHours(5)), CancellationToken.None);
        var alerts = await service.FindAsync(new AnnotationQuery(sensor, Type: AnnotationTypes.Alert), CancellationToken.None);
        var everything = await service.FindAsync(new AnnotationQuery(), CancellationToken.None);

        Assert.Equal(["morning", "afternoon"], all.Select(a => a.Content));
        Assert.Equal(["afternoon"], touching.Select(a => a.Content));
        Assert.Equal(["afternoon"], alerts.Select(a => a.Content));
        Assert.Equal(3, everything.Count);
        Assert.Equal(Start, all[0].Start);
        Assert.Equal(DateTimeKind.Utc, all[0].Start.Kind);
    }

    [Theory]
    [BothProviders]
    public async Task RemoveAsync_UnlinksFromTheObject_AndDeletesOnlyWhatIsLeftAttachedToNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var structure = await StructureAsync(database);
        await using var db = database.CreateContext();
        var service = new AnnotationService(db);
        var asset = new AnnotatedObject(AnnotatedKind.Asset, structure.Asset.Id);
        var account = new AnnotatedObject(AnnotatedKind.Account, structure.Account.Id);
        await service.AddAsync(Note(structure.Source.Id) with { Content = "shared" }, [asset, account], CancellationToken.None);
        await service.AddAsync(Note(structure.Source.Id) with { Content = "asset only" }, [asset], CancellationToken.None);

        var (removed, deleted) = await service.RemoveAsync(new AnnotationQuery(asset), CancellationToken.None);

        Assert.Equal((2, 1), (removed, deleted));
        await using var check = database.CreateContext();
        Assert.Equal(["shared"], await check.Annotations.Select(a => a.Content).ToListAsync());
        Assert.Empty(await new AnnotationService(check).FindAsync(new AnnotationQuery(asset), CancellationToken.None));
        Assert.Single(await new AnnotationService(check).FindAsync(new AnnotationQuery(account), CancellationToken.None));
    }

    [Theory]
    [BothProviders]
    public async Task HolidaysOfSensorAsync_TakesTheSensorsAssetItsAncestorsAndAccount(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var structure = await StructureAsync(database);
        await using var db = database.CreateContext();
        var parent = new GenericAsset { Name = "site", AccountId = null, GenericAssetTypeId = structure.AssetType.Id };
        db.GenericAssets.Add(parent);
        await db.SaveChangesAsync();
        var asset = await db.GenericAssets.SingleAsync(a => a.Id == structure.Asset.Id);
        asset.ParentAssetId = parent.Id;
        await db.SaveChangesAsync();
        var service = new AnnotationService(db);
        var day = new DateTime(2025, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        NewAnnotation Holiday(string name, int days) =>
            new(name, day.AddDays(days), day.AddDays(days + 1), null, AnnotationTypes.Holiday, structure.Source.Id);
        await service.AddAsync(Holiday("on the account", 0), [new(AnnotatedKind.Account, structure.Account.Id)], CancellationToken.None);
        await service.AddAsync(Holiday("on the parent", 1), [new(AnnotatedKind.Asset, parent.Id)], CancellationToken.None);
        await service.AddAsync(Holiday("on the sensor", 2), [new(AnnotatedKind.Sensor, structure.Sensor.Id)], CancellationToken.None);
        await service.AddAsync(Holiday("a label", 3) with { Type = AnnotationTypes.Label }, [new(AnnotatedKind.Sensor, structure.Sensor.Id)], CancellationToken.None);
        await service.AddAsync(Holiday("later", 40), [new(AnnotatedKind.Sensor, structure.Sensor.Id)], CancellationToken.None);

        var holidays = await service.HolidaysOfSensorAsync(structure.Sensor.Id, day, day.AddDays(30), CancellationToken.None);

        Assert.Equal([day, day.AddDays(1), day.AddDays(2)], holidays.Select(h => h.Start));
        Assert.All(holidays, h => Assert.Equal(TimeSpan.FromDays(1), h.End - h.Start));
    }

    private static NewAnnotation Note(int sourceId) =>
        new("Server maintenance", Start, Start.AddHours(2), null, AnnotationTypes.Label, sourceId);

    private static async Task<TestStructure> StructureAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await TestStructure.CreateAsync(db);
    }
}
