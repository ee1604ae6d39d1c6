using System.CommandLine;

namespace FlexMeasures.Cli;

/// <summary>The <c>show schedulers</c> and <c>show reporters</c> commands: programs that make data, with the source they store under.</summary>
internal static class GeneratorList
{
    /// <param name="name">The command (<c>schedulers</c>), which also heads the first column without its plural s.</param>
    public static Command Create(
        CliContext context, string name, string description, string sourceName, string sourceType, IReadOnlyList<(string Name, string Version, string Description)> generators)
    {
        var command = new Command(name, description);
        command.SetAction(async (_, ct) =>
        {
            await context.Out.WriteLineAsync($"{name[..^1],-20}  {"version",-7}  source (type {sourceType})  description");
            foreach (var (generator, version, text) in generators)
            {
                await context.Out.WriteLineAsync($"{generator,-20}  {version,-7}  {sourceName,-25}  {text}");
            }

            return 0;
        });
        return command;
    }
}
