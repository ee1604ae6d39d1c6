using System.CommandLine;

namespace FlexMeasures.Cli.Legacy;

/// <summary>
/// The seed's <c>flask …</c> command names (and FlexMeasures' older ones): each says which command does the work
/// here and exits 1, instead of "unrecognized command".
/// </summary>
internal static class LegacyCommands
{
    private static readonly (string Name, string Instead)[] Renamed =
    [
        ("new-user", "flexmeasures add user --username … --email … --account ID [--roles …]"),
        ("db-populate", "flexmeasures add initial-structure (structure), flexmeasures add beliefs FILE.csv … (data), flexmeasures add forecasts --sensor ID --from … --until … (forecasts)"),
        ("db-depopulate", "flexmeasures delete structure, flexmeasures delete measurements or flexmeasures delete prognoses"),
        ("db-reset", "flexmeasures db reset"),
        ("run-forecasting-worker", "flexmeasures jobs run-worker --queue forecasting"),
        ("run-worker", "flexmeasures jobs run-worker --queue forecasting[,scheduling]"),
    ];

    public static IEnumerable<Command> Create(CliContext context) =>
        Renamed.Select(r =>
        {
            var command = new Command(r.Name, $"Old name; use: {r.Instead}") { Hidden = true, TreatUnmatchedTokensAsErrors = false };
            command.SetAction(async (_, _) =>
            {
                await context.Error.WriteLineAsync($"Error: `{r.Name}` is the seed's (flask) command; here, use {r.Instead}.");
                return CliContext.UserError;
            });
            return command;
        });
}
