using System.Collections;
using Microsoft.Extensions.Configuration;

namespace FlexMeasures.Data.Configuration;

/// <summary>
/// Builds the platform's configuration from environment variables. Every key can be set as
/// <c>Section__Key</c> (e.g. <c>Database__Url</c>); FlexMeasures' own variable names are accepted too and
/// win over the generic form.
/// </summary>
public static class FlexMeasuresConfiguration
{
    /// <summary>FlexMeasures' environment variables and the configuration keys they set, in order of precedence.</summary>
    public static IReadOnlyList<(string Variable, string Key)> Aliases { get; } =
    [
        ("SQLALCHEMY_DATABASE_URI", "Database:Url"),
        ("FLEXMEASURES_DATABASE_URL", "Database:Url"),
        ("FLEXMEASURES_DATABASE_READ_URL", "Database:ReadUrl"),
        ("FLEXMEASURES_REDIS_URL", "Redis:Url"),
        ("FLEXMEASURES_REDIS_PORT", "Redis:Port"),
        ("FLEXMEASURES_REDIS_DB_NR", "Redis:DbNumber"),
        ("FLEXMEASURES_REDIS_PASSWORD", "Redis:Password"),
        ("SECRET_KEY", "Security:SecretKey"),
        ("SECURITY_PASSWORD_SALT", "Security:PasswordSalt"),
        ("FLEXMEASURES_ALLOW_DATA_OVERWRITE", "Beliefs:AllowOverwrite"),
        ("FLEXMEASURES_TIMEZONE", "FlexMeasures:Timezone"),
        ("SECURITY_TOKEN_MAX_AGE", "Api:TokenMaxAgeSeconds"),
        ("FLEXMEASURES_MAX_SENSOR_DATA_INGESTION_BYTES", "Api:MaxBodyBytes"),
        ("FLEXMEASURES_TASK_CHECK_AUTH_TOKEN", "Api:TaskCheckAuthToken"),
        ("FLEXMEASURES_MAX_VALUES_PER_RESPONSE", "Api:MaxValuesPerResponse"),
        ("FLEXMEASURES_MAX_FORECAST_EVENTS", "Forecasting:MaxEvents"),
        ("RATELIMIT_ENABLED", "RateLimits:Enabled"),
        ("FLEXMEASURES_API_DEFAULT_RATE_LIMIT", "RateLimits:Default"),
        ("FLEXMEASURES_API_TRIGGER_RATE_LIMIT", "RateLimits:Trigger"),
        ("FLEXMEASURES_API_RATE_LIMIT_KEY", "RateLimits:Key"),
    ];

    /// <summary>
    /// The environment variable to name in a message about configuration key <paramref name="key"/>
    /// (<c>Api:TokenMaxAgeSeconds</c> → <c>SECURITY_TOKEN_MAX_AGE</c>): FlexMeasures' own name where there is one,
    /// else the generic <c>Section__Key</c>.
    /// </summary>
    public static string VariableFor(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Aliases.LastOrDefault(a => a.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Variable
            ?? key.Replace(":", "__", StringComparison.Ordinal);
    }

    /// <summary>Reads the process environment.</summary>
    public static IConfigurationRoot FromEnvironment() => Build(Environment.GetEnvironmentVariables());

    /// <summary>Reads the given environment (tests pass their own).</summary>
    public static IConfigurationRoot Build(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var generic = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var aliased = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            var name = (string)entry.Key;
            if (name.Contains("__", StringComparison.Ordinal))
            {
                generic[name.Replace("__", ":", StringComparison.Ordinal)] = entry.Value as string;
            }
        }

        foreach (var (variable, key) in Aliases)
        {
            if (environment[variable] is string value && value.Length > 0)
            {
                aliased[key] = value;
            }
        }

        return new ConfigurationBuilder()
            .AddInMemoryCollection(generic)
            .AddInMemoryCollection(aliased)
            .Build();
    }
}
