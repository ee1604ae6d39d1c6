namespace FlexMeasures.Cli;

/// <summary>The user asked for something that cannot be done; the message says what and why.</summary>
internal sealed class CliUserException(string message) : Exception(message);
