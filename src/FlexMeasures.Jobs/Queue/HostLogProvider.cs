using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace FlexMeasures.Jobs.Queue;

/// <summary>
/// Hangfire's log provider is process-wide, but a host's logger factory ends with the host. This one hands out
/// the host's loggers while it lives and silent ones after, so a later host (or a test) in the same process
/// does not fail on a disposed factory.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggers) : ILogProvider
{
    private readonly Hangfire.AspNetCore.AspNetCoreLogProvider _inner = new(loggers);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
