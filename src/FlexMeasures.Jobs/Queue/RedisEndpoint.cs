using System.Globalization;
using FlexMeasures.Data.Database;
using StackExchange.Redis;

namespace FlexMeasures.Jobs.Queue;

/// <summary>A validated Redis address for the job queue.</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">TCP port.</param>
/// <param name="Database">Database number (0 to 15 on a default Redis).</param>
/// <param name="Password">Null when the server needs none.</param>
/// <param name="Prefix">Prefix of every key the queue writes.</param>
/// <param name="UseTls">True for <c>rediss://</c>.</param>
public sealed record RedisEndpoint(string Host, int Port, int Database, string? Password, string Prefix, bool UseTls)
{
    public const int DefaultPort = 6379;

    public const string DefaultPrefix = "{flexmeasures}:";

    /// <summary>The endpoint the options describe, or null when no URL is set (the in-process queue).</summary>
    /// <exception cref="ConfigurationException">A value is unusable; the message names its environment variable.</exception>
    public static RedisEndpoint? FromOptions(RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            return null;
        }

        var text = options.Url.Trim();
        string? password = null;
        int? database = null;
        int? port = null;
        var tls = false;
        string host;
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || uri.Host.Length == 0)
            {
                throw new ConfigurationException("FLEXMEASURES_REDIS_URL", $"'{text}' is not a host name or a redis://host:port/db URL");
            }

            tls = uri.Scheme == "rediss";
            host = uri.Host;
            port = uri.IsDefaultPort || uri.Port < 0 ? null : uri.Port;
            if (uri.UserInfo.Length > 0)
            {
                var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
                password = Uri.UnescapeDataString(colon >= 0 ? uri.UserInfo[(colon + 1)..] : uri.UserInfo);
            }

            var path = uri.AbsolutePath.Trim('/');
            if (path.Length > 0)
            {
                database = ParseNumber(path, "FLEXMEASURES_REDIS_URL", "the database number after the last '/'", 0, 1_000_000);
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            host = colon > 0 ? text[..colon] : text;
            if (colon > 0)
            {
                port = ParseNumber(text[(colon + 1)..], "FLEXMEASURES_REDIS_URL", "the port after ':'", 1, 65535);
            }

            if (host.Length == 0 || host.Any(char.IsWhiteSpace) || host.Contains('/', StringComparison.Ordinal))
            {
                throw new ConfigurationException("FLEXMEASURES_REDIS_URL", $"'{text}' is not a host name or a redis://host:port/db URL");
            }
        }

        port ??= string.IsNullOrWhiteSpace(options.Port) ? DefaultPort : ParseNumber(options.Port, "FLEXMEASURES_REDIS_PORT", "a port", 1, 65535);
        database ??= string.IsNullOrWhiteSpace(options.DbNumber) ? 0 : ParseNumber(options.DbNumber, "FLEXMEASURES_REDIS_DB_NR", "a database number", 0, 1_000_000);
        password ??= string.IsNullOrEmpty(options.Password) ? null : options.Password;
        return new RedisEndpoint(host, port.Value, database.Value, password, string.IsNullOrWhiteSpace(options.Prefix) ? DefaultPrefix : options.Prefix, tls);
    }

    /// <summary>StackExchange.Redis options: no exception when Redis is down at start; callers see it on first use.</summary>
    public ConfigurationOptions ToConfigurationOptions()
    {
        var options = new ConfigurationOptions
        {
            DefaultDatabase = Database,
            Password = Password,
            Ssl = UseTls,
            AbortOnConnectFail = false,
            ConnectTimeout = 3000,
            SyncTimeout = 10000,
            ConnectRetry = 1,
            ClientName = "flexmeasures",
        };
        options.EndPoints.Add(Host, Port);
        return options;
    }

    /// <summary>Where the queue is, for messages; never shows the password.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"redis://{Host}:{Port}/{Database} (key prefix {Prefix})");

    private static int ParseNumber(string text, string variable, string what, int minimum, int maximum) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : throw new ConfigurationException(variable, $"'{text}' is not {what} ({minimum} to {maximum})");
}
