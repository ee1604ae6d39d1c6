using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Data.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.Tests.Auth;

public sealed class AuthTokensTests
{
    [Fact]
    public void Read_GivesTheUserAndUniquifier_WhenTheTokenIsFresh()
    {
        var clock = new ManualClock();
        var tokens = Tokens(clock, "key");

        var read = tokens.Read(tokens.Issue(7, "abc"));

        Assert.Equal((7, "abc"), read);
    }

    [Fact]
    public void Read_IsNull_WhenTheTokenHasExpired()
    {
        var clock = new ManualClock();
        var tokens = Tokens(clock, "key", maxAgeSeconds: 60);
        var token = tokens.Issue(7, "abc");

        clock.Advance(TimeSpan.FromSeconds(59));
        var fresh = tokens.Read(token);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.NotNull(fresh);
        Assert.Null(tokens.Read(token));
    }

    [Fact]
    public void Read_IsNull_WhenSignedWithAnotherKey()
    {
        var clock = new ManualClock();

        var token = Tokens(clock, "key one").Issue(7, "abc");

        Assert.Null(Tokens(clock, "key two").Read(token));
    }

    [Fact]
    public void Read_IsNull_WithoutAConfiguredKey_AcrossProcesses()
    {
        var clock = new ManualClock();

        var token = Tokens(clock, null).Issue(7, "abc");

        Assert.Null(Tokens(clock, null).Read(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("1.2.3.4.5")]
    [InlineData("x.abc.99999999999.sig")]
    public void Read_IsNull_ForMalformedTokens(string token) =>
        Assert.Null(Tokens(new ManualClock(), "key").Read(token));

    private static AuthTokens Tokens(TimeProvider clock, string? key, int maxAgeSeconds = 21600) => new(
        Options.Create(new SecurityOptions { SecretKey = key }),
        Options.Create(new ApiOptions { TokenMaxAgeSeconds = maxAgeSeconds }),
        clock,
        NullLogger<AuthTokens>.Instance);

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
