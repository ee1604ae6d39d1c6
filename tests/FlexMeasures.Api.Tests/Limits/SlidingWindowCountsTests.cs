using FlexMeasures.Api.RateLimits;
using Microsoft.Extensions.Time.Testing;

namespace FlexMeasures.Api.Tests.Limits;

public sealed class SlidingWindowCountsTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public void TryTake_RefusesUntilTheOldestLeavesTheWindow_WhenTheLimitIsReached()
    {
        var clock = new FakeTimeProvider();
        var counts = new SlidingWindowCounts(clock);

        var first = counts.TryTake("k", 2, Window);
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = counts.TryTake("k", 2, Window);
        clock.Advance(TimeSpan.FromMinutes(1));
        var refused = counts.TryTake("k", 2, Window);
        var otherKey = counts.TryTake("other", 2, Window);
        clock.Advance(TimeSpan.FromMinutes(3));
        var afterWaiting = counts.TryTake("k", 2, Window);

        Assert.True(first.Granted && second.Granted && otherKey.Granted && afterWaiting.Granted);
        Assert.False(refused.Granted);
        Assert.Equal(TimeSpan.FromMinutes(3), refused.RetryAfter);
    }

    [Fact]
    public void Return_FreesThePermit_WhenTheCountedRequestWasRefused()
    {
        var counts = new SlidingWindowCounts(new FakeTimeProvider());

        counts.Return(counts.TryTake("k", 1, Window));
        var again = counts.TryTake("k", 1, Window);
        var full = counts.TryTake("k", 1, Window);

        Assert.True(again.Granted);
        Assert.False(full.Granted);
        Assert.Equal(Window, full.RetryAfter);
    }

    [Fact]
    public void RetryAfter_WaitsForEnoughEventsToLeave_WhenMoreThanTheLimitWereAdded()
    {
        var clock = new FakeTimeProvider();
        var counts = new SlidingWindowCounts(clock);
        for (var i = 0; i < 4; i++)
        {
            counts.Add("k", Window);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        // Events at 0, 1, 2 and 3 minutes, now 4: below a limit of 2 once the one at 2 minutes leaves, at 7.
        Assert.Equal(TimeSpan.FromMinutes(3), counts.RetryAfter("k", 2, Window));
        Assert.Null(counts.RetryAfter("k", 5, Window));
        counts.Clear("k");
        Assert.Null(counts.RetryAfter("k", 1, Window));
    }
}
