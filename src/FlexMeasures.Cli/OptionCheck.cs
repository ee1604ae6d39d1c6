using System.CommandLine;
using System.CommandLine.Parsing;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Cli;

/// <summary>
/// Catches a word that looks like an option but was read as a value, before the command misreads it
/// (<c>--sensor-id 1</c> taken as a file name, <c>--sensor --start …</c> taking <c>--start</c> as the sensor id).
/// </summary>
internal static class OptionCheck
{
    /// <summary>One line saying which option is wrong and what was meant, or null when every option is in place.</summary>
    public static string? Problem(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.CommandResult.Command.Hidden)
        {
            // The old command names answer with their replacement, whatever options follow them.
            return null;
        }

        var known = KnownOptions(parse.CommandResult.Command);
        var tokens = parse.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Type != TokenType.Argument || !token.Value.StartsWith("--", StringComparison.Ordinal) || token.Value.Length < 3)
            {
                continue;
            }

            if (known.Contains(token.Value))
            {
                var before = i > 0 && tokens[i - 1].Type == TokenType.Option ? tokens[i - 1].Value : "the option before it";
                return $"{before} needs a value before {token.Value}.";
            }

            var closest = known.Where(k => k.StartsWith("--", StringComparison.Ordinal))
                .Select(k => (Name: k, Distance: token.Value.StartsWith(k, StringComparison.Ordinal) ? 0 : Spelling.Distance(k, token.Value)))
                .Where(c => c.Distance <= 3)
                .OrderBy(c => c.Distance)
                .ThenBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => c.Name)
                .FirstOrDefault();
            return closest is null
                ? $"unknown option {token.Value} (see `flexmeasures {CommandPath(parse.CommandResult.Command)} --help`)."
                : $"unknown option {token.Value}; did you mean {closest}?";
        }

        return null;
    }

    private static HashSet<string> KnownOptions(Command command)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in command.Options)
        {
            names.Add(option.Name);
            names.UnionWith(option.Aliases);
        }

        foreach (var parent in command.Parents.OfType<Command>())
        {
            foreach (var option in parent.Options.Where(o => o.Recursive))
            {
                names.Add(option.Name);
                names.UnionWith(option.Aliases);
            }
        }

        return names;
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command c && c is not RootCommand; symbol = c.Parents.FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return string.Join(" ", names);
    }
}
