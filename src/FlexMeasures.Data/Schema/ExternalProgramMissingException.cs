namespace FlexMeasures.Data.Schema;

/// <summary>A command-line tool the platform calls is not installed.</summary>
public sealed class ExternalProgramMissingException(string program, string debianPackage)
    : Exception($"'{program}' was not found on PATH. Install it with the Debian package {debianPackage} (apt-get install {debianPackage}).")
{
    public string Program { get; } = program;
}
