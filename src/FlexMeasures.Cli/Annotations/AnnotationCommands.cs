using System.CommandLine;
using FlexMeasures.Cli.Administration;
using FlexMeasures.Cli.Beliefs;
using FlexMeasures.Data.Annotations;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Time;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Cli.Annotations;

/// <summary>
/// <c>flexmeasures add annotation</c>, <c>add holidays</c> (FlexMeasures' options), <c>show annotations</c> and
/// <c>delete annotations</c>.
/// </summary>
internal static class AnnotationCommands
{
    internal sealed record AnnotationRow(int Id, DateTime Start, DateTime End, string Type, string Content, string Source, DateTime? Prior);

    public static Command Add(CliContext context)
    {
        var content = new Option<string>("--content") { Description = "Text of the annotation (up to 1024 characters).", Required = true };
        var at = new Option<string>("--at") { Description = "When the annotation starts: ISO 8601 with offset, e.g. 2024-12-20T10:00:00+01:00.", Required = true };
        var until = new Option<string?>("--until") { Description = "When it ends (ISO 8601 with offset); default: one day after --at." };
        var type = new Option<string>("--type") { Description = $"One of {string.Join(", ", AnnotationTypes.All)}.", DefaultValueFactory = _ => AnnotationTypes.Label };
        var user = new Option<int>("--user") { Description = "Id of the user the annotation is attributed to (through the user's data source).", Required = true };
        var (accounts, assets, sensors) = TargetOptions("Add the annotation to");
        var command = new Command("annotation", "Add an annotation to accounts, assets and/or sensors (each option may be repeated).")
        {
            content, at, until, type, user, accounts, assets, sensors,
        };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var start = BeliefCommands.ParseInstant(parse.GetValue(at)!, "--at");
                var end = parse.GetValue(until) is { } text ? BeliefCommands.ParseInstant(text, "--until") : start.AddDays(1);
                var annotation = new NewAnnotation(parse.GetValue(content)!, start, end, null, parse.GetValue(type)!, SourceId: 0);
                if (AnnotationService.Problem(annotation) is { } problem)
                {
                    throw new CliUserException($"{(problem.Field == "end" ? "--until" : CliContext.OptionName(problem.Field))}: {problem.Message}.");
                }

                var targets = Targets(parse, accounts, assets, sensors);
                var service = services.GetRequiredService<AnnotationService>();
                await service.RequireTargetsAsync(targets, token);
                var source = await services.GetRequiredService<DataSourceService>().ForUserAsync(parse.GetValue(user), token);
                var saved = await service.AddAsync(annotation with { SourceId = source.Id }, targets, token);
                await context.Out.WriteLineAsync(saved.Created
                    ? $"Added annotation {saved.Annotation.Id} to {Describe(targets)}."
                    : $"The same annotation was stored already (id {saved.Annotation.Id}); it is now attached to {Describe(targets)}.");
                return 0;
            },
            ct));
        return command;
    }

    public static Command AddHolidays(CliContext context)
    {
        var year = new Option<int>("--year") { Description = "The year whose public holidays to add.", Required = true };
        var countries = new Option<string[]>("--country")
        {
            Description = $"ISO 3166-1 country code (may be repeated); known: {string.Join(", ", PublicHolidays.Countries)}.",
            Required = true,
        };
        var subdivision = new Option<string?>("--subdivision", "--subdiv") { Description = "State, for one --country DE only (e.g. NW or DE-NW): its holidays as well as the federal ones." };
        var timezone = new Option<string?>("--timezone") { Description = "Zone whose midnights the holidays run between (e.g. Europe/Amsterdam); default: FLEXMEASURES_TIMEZONE." };
        var (accounts, assets, _) = TargetOptions("Add the holidays to");
        var command = new Command("holidays", "Add a year's public holidays as annotations of type holiday to accounts and/or assets; adding them again stores nothing twice.")
        {
            year, countries, subdivision, timezone, accounts, assets,
        };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var codes = parse.GetValue(countries)!;
                if (parse.GetValue(subdivision) is not null && codes.Length != 1)
                {
                    throw new CliUserException("--subdivision: give exactly one --country with it.");
                }

                var zone = parse.GetValue(timezone) is { } name ? TimeZones.Find(name) : context.Display.Zone;
                if (parse.GetValue(timezone) is null)
                {
                    await context.Error.WriteLineAsync($"No --timezone given: holidays run from midnight to midnight in {zone.Id} (FLEXMEASURES_TIMEZONE).");
                }

                var targets = Targets(parse, accounts, assets, null);
                var import = services.GetRequiredService<HolidayImport>();
                foreach (var country in codes)
                {
                    var result = await import.AddAsync(parse.GetValue(year), country, parse.GetValue(subdivision), zone, targets, token);
                    await context.Out.WriteLineAsync(
                        $"Added {result.Holidays.Count} holidays of {country.ToUpperInvariant()}{(parse.GetValue(subdivision) is { } s ? "/" + s.ToUpperInvariant() : "")} in {parse.GetValue(year)} " +
                        $"({result.Created} new, source '{result.SourceName}') to {Describe(targets)}.");
                }

                return 0;
            },
            ct));
        return command;
    }

    public static Command Show(CliContext context)
    {
        var (account, asset, sensor) = FilterOptions("Only the annotations of");
        var (start, end, type) = PeriodOptions();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("annotations", "List annotations, optionally of one account, asset or sensor, overlapping a period, of one type.")
        {
            account, asset, sensor, start, end, type, json,
        };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var query = Query(parse, account, asset, sensor, start, end, type);
                var rows = await services.GetRequiredService<AnnotationService>().FindAsync(query, token);
                await Listing.WriteAsync(context, rows.ConvertAll(Row), parse.GetValue(json));
                return 0;
            },
            ct));
        return command;
    }

    public static Command Delete(CliContext context)
    {
        var (account, asset, sensor) = FilterOptions("Remove the annotations from");
        var (start, end, type) = PeriodOptions();
        var force = CliContext.YesOption();
        var command = new Command(
            "annotations",
            "Remove annotations from one account, asset or sensor (those then attached to nothing are deleted), or without one of those options delete them everywhere; lists them and asks first.")
        {
            account, asset, sensor, start, end, type, force,
        };
        command.SetAction((parse, ct) => context.RunWithDatabaseAsync(
            async (services, token) =>
            {
                var query = Query(parse, account, asset, sensor, start, end, type);
                var service = services.GetRequiredService<AnnotationService>();
                var rows = await service.FindAsync(query, token);
                if (rows.Count == 0)
                {
                    await context.Out.WriteLineAsync("No annotations match; nothing was changed.");
                    return 0;
                }

                await Listing.WriteAsync(context, rows.ConvertAll(Row), json: false);
                var scope = query.Target is { } target ? $"from {target}" : "everywhere";
                if (!await context.ConfirmAsync($"Remove these {rows.Count} annotations {scope}?", parse.GetValue(force)))
                {
                    await context.Error.WriteLineAsync("Aborted: nothing was changed.");
                    return CliContext.UserError;
                }

                var (removed, deleted) = await service.RemoveAsync(query, token);
                await context.Out.WriteLineAsync($"Removed {removed} annotations {scope}; {deleted} of them were attached to nothing else and are deleted.");
                return 0;
            },
            ct));
        return command;
    }

    private static (Option<int[]> Accounts, Option<int[]> Assets, Option<int[]> Sensors) TargetOptions(string verb) =>
    (
        new Option<int[]>("--account") { Description = $"{verb} this account (id; may be repeated)." },
        new Option<int[]>("--asset") { Description = $"{verb} this asset (id; may be repeated)." },
        new Option<int[]>("--sensor") { Description = $"{verb} this sensor (id; may be repeated)." }
    );

    private static List<AnnotatedObject> Targets(ParseResult parse, Option<int[]> accounts, Option<int[]> assets, Option<int[]>? sensors)
    {
        List<AnnotatedObject> targets =
        [
            .. (parse.GetValue(accounts) ?? []).Select(id => new AnnotatedObject(AnnotatedKind.Account, id)),
            .. (parse.GetValue(assets) ?? []).Select(id => new AnnotatedObject(AnnotatedKind.Asset, id)),
            .. (sensors is null ? [] : parse.GetValue(sensors) ?? []).Select(id => new AnnotatedObject(AnnotatedKind.Sensor, id)),
        ];
        return targets.Count > 0
            ? targets
            : throw new CliUserException(sensors is null ? "Give at least one --account or --asset." : "Give at least one --account, --asset or --sensor.");
    }

    private static (Option<int?> Account, Option<int?> Asset, Option<int?> Sensor) FilterOptions(string verb) =>
    (
        new Option<int?>("--account") { Description = $"{verb} this account (id)." },
        new Option<int?>("--asset") { Description = $"{verb} this asset (id)." },
        new Option<int?>("--sensor") { Description = $"{verb} this sensor (id)." }
    );

    private static (Option<string?> Start, Option<string?> End, Option<string?> Type) PeriodOptions() =>
    (
        new Option<string?>("--start") { Description = "Only annotations that end after this moment (ISO 8601 with offset)." },
        new Option<string?>("--end") { Description = "Only annotations that start before this moment (ISO 8601 with offset)." },
        new Option<string?>("--type") { Description = $"Only annotations of this type: {string.Join(", ", AnnotationTypes.All)}." }
    );

    private static AnnotationQuery Query(
        ParseResult parse, Option<int?> account, Option<int?> asset, Option<int?> sensor, Option<string?> start, Option<string?> end, Option<string?> type)
    {
        var targets = new[] { (AnnotatedKind.Account, parse.GetValue(account)), (AnnotatedKind.Asset, parse.GetValue(asset)), (AnnotatedKind.Sensor, parse.GetValue(sensor)) }
            .Where(t => t.Item2 is not null)
            .Select(t => new AnnotatedObject(t.Item1, t.Item2!.Value))
            .ToList();
        if (targets.Count > 1)
        {
            throw new CliUserException("Give at most one of --account, --asset or --sensor.");
        }

        var kind = parse.GetValue(type);
        if (kind is not null && !AnnotationTypes.All.Contains(kind, StringComparer.Ordinal))
        {
            throw new CliUserException($"--type: must be one of: {string.Join(", ", AnnotationTypes.All)}.");
        }

        return new AnnotationQuery(
            targets.Count == 1 ? targets[0] : null,
            parse.GetValue(start) is { } from ? BeliefCommands.ParseInstant(from, "--start") : null,
            parse.GetValue(end) is { } until ? BeliefCommands.ParseInstant(until, "--end") : null,
            kind);
    }

    private static AnnotationRow Row(AnnotationRecord a) => new(a.Id, a.Start, a.End, a.Type, a.Content, a.SourceName, a.BeliefTime);

    private static string Describe(IReadOnlyCollection<AnnotatedObject> targets) => string.Join(", ", targets);
}
