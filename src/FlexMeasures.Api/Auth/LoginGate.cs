using FlexMeasures.Data.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlexMeasures.Api.Auth;

/// <summary>
/// The one way in with an email and password, for the token endpoint and the dashboard's HTTP Basic alike: throttled
/// per email and per client address, failures logged and audited (never the password).
/// </summary>
internal sealed partial class LoginGate(UserService users, LoginThrottle throttle, ILogger<LoginGate> logger)
{
    public async Task<LoginOutcome> TryAsync(HttpContext http, string email, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(email, address) is { } wait)
        {
            LogThrottled(email, address);
            return new LoginOutcome(null, wait);
        }

        var user = await users.FindByCredentialsAsync(email, password, cancellationToken);
        if (user is not null)
        {
            throttle.Succeeded(email);
            return new LoginOutcome(user, null);
        }

        throttle.Failed(email, address);
        LogFailed(email, address);
        await users.RecordFailedLoginAsync(email, address, cancellationToken);
        return new LoginOutcome(null, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed login for {Email} from {Address}")]
    private partial void LogFailed(string email, string? address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login for {Email} from {Address} refused: too many failed attempts")]
    private partial void LogThrottled(string email, string? address);
}
