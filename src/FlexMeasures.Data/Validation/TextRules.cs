using System.Globalization;

namespace FlexMeasures.Data.Validation;

/// <summary>
/// The one rule for text that people give as names, emails and keys: no control characters. NUL cannot be stored
/// in PostgreSQL text at all, and the others (line breaks, escapes, bells) only garble tables, logs and terminals.
/// </summary>
public static class TextRules
{
    /// <summary>Trimmed, 1 to <paramref name="maxLength"/> characters, printable.</summary>
    /// <exception cref="InvalidInputException">Empty, too long, or holding a control character.</exception>
    public static string Name(string? value, string field, int maxLength)
    {
        var name = value?.Trim() ?? "";
        if (name.Length == 0 || name.Length > maxLength)
        {
            throw new InvalidInputException(field, $"must be 1 to {maxLength} characters");
        }

        RequirePrintable(name, field);
        return name;
    }

    /// <summary>Refuses any control character (Unicode category Cc: U+0000–U+001F, U+007F–U+009F).</summary>
    /// <exception cref="InvalidInputException">The text holds one; the message says which and where.</exception>
    public static void RequirePrintable(string? value, string field)
    {
        if (PrintableProblem(value) is { } problem)
        {
            throw new InvalidInputException(field, problem);
        }
    }

    /// <summary>Whether the text is free of control characters.</summary>
    public static bool IsPrintable(string? value) => FirstControl(value, allowLineBreaks: false) is null;

    /// <summary>What <see cref="RequirePrintable"/> would refuse the text for, for callers that answer without an exception; null when it is printable.</summary>
    public static string? PrintableProblem(string? value) =>
        FirstControl(value, allowLineBreaks: false) is { } at ? Describe(value!, at) : null;

    /// <summary>Like <see cref="RequirePrintable"/>, but tabs and line breaks are allowed (free text such as an attribute's value).</summary>
    /// <exception cref="InvalidInputException">The text holds another control character.</exception>
    public static void RequirePrintableLines(string? value, string field)
    {
        if (FirstControl(value, allowLineBreaks: true) is { } at)
        {
            throw new InvalidInputException(field, Describe(value!, at));
        }
    }

    private static int? FirstControl(string? value, bool allowLineBreaks)
    {
        if (value is null)
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\n' or '\r'))
            {
                return i;
            }
        }

        return null;
    }

    private static string Describe(string value, int at) =>
        string.Create(CultureInfo.InvariantCulture, $"must not contain control characters; found U+{(int)value[at]:X4} at position {at + 1}");
}
