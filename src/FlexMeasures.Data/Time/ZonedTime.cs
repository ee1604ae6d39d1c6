namespace FlexMeasures.Data.Time;

/// <summary>
/// Wall-clock arithmetic in IANA time zones, with the daylight-saving rules of FlexMeasures' Python stack.
/// </summary>
internal static class ZonedTime
{
    /// <summary>The zone with this IANA id (e.g. <c>Europe/Amsterdam</c>), or null.</summary>
    public static TimeZoneInfo? Find(string id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    /// <summary>The wall-clock time in <paramref name="zone"/> at a UTC instant (kind Unspecified).</summary>
    public static DateTime ToWallClock(DateTime utc, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone), DateTimeKind.Unspecified);

    /// <summary>
    /// The UTC instant of a wall-clock time in <paramref name="zone"/>, as pytz's <c>localize(is_dst=False)</c>
    /// (what timely-beliefs uses) decides it: a time that happens twice is taken in standard time (the later
    /// instant, when clocks fall back); a time skipped by a spring-forward change is read with the offset in
    /// force before it (02:30 on a skipped 02:00–03:00 hour in Amsterdam becomes 01:30 UTC).
    /// </summary>
    public static DateTime ToUtc(DateTime wallClock, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);

        // pytz winds the clock back six hours to find the offset in force before the skipped hour.
        var offset = zone.IsInvalidTime(local) ? zone.GetUtcOffset(local.AddHours(-6)) : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    /// <summary>
    /// The UTC instant of a wall-clock time in <paramref name="zone"/>, or null when the time is skipped or happens
    /// twice and the choice says <c>Error</c>; <paramref name="problem"/> then says why.
    /// </summary>
    public static DateTime? ToUtc(DateTime wallClock, TimeZoneInfo zone, AmbiguousLocalTime ambiguous, NonexistentLocalTime nonexistent, out string? problem)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        problem = null;
        if (zone.IsInvalidTime(local))
        {
            if (nonexistent == NonexistentLocalTime.Error)
            {
                problem = $"does not exist in {zone.Id} (the clocks move forward then)";
                return null;
            }

            return ToUtc(local, zone);
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            switch (ambiguous)
            {
                case AmbiguousLocalTime.Error:
                    problem = $"happens twice in {zone.Id} (the clocks move back then)";
                    return null;
                case AmbiguousLocalTime.Earliest:
                    return DateTime.SpecifyKind(local - offsets.Max(), DateTimeKind.Utc);
                default:
                    return DateTime.SpecifyKind(local - offsets.Min(), DateTimeKind.Utc);
            }
        }

        return DateTime.SpecifyKind(local - zone.GetUtcOffset(local), DateTimeKind.Utc);
    }

    /// <summary>Treats Unspecified as UTC and refuses machine-local times, whose meaning depends on the host.</summary>
    public static DateTime AsUtc(DateTime value, string parameterName) =>
        value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => throw new ArgumentException("Expected a UTC time, got a machine-local one.", parameterName),
        };
}
