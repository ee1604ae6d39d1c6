namespace FlexMeasures.Api.RateLimits;

/// <summary>What <see cref="SlidingWindowCounts.TryTake"/> did: counted the event at <see cref="At"/>, or not and how long to wait.</summary>
internal readonly record struct WindowTake(bool Granted, TimeSpan RetryAfter, string Key, DateTimeOffset At);
