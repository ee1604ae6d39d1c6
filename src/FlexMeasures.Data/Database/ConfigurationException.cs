namespace FlexMeasures.Data.Database;

/// <summary>A configuration value is unusable; the message names the setting and what is wrong.</summary>
public sealed class ConfigurationException(string setting, string problem)
    : Exception($"Configuration {setting}: {problem}{(problem.EndsWith('.') || problem.EndsWith('?') ? "" : ".")}")
{
    /// <summary>The key or environment variable at fault.</summary>
    public string Setting { get; } = setting;
}
