namespace FlexMeasures.Data.Time;

/// <summary>What a wall-clock time that happens twice (when clocks fall back) stands for.</summary>
public enum AmbiguousLocalTime
{
    /// <summary>Refuse it: the reader must give an offset or choose.</summary>
    Error,

    /// <summary>The first occurrence (still in daylight-saving time).</summary>
    Earliest,

    /// <summary>The second occurrence (standard time), as pytz's <c>is_dst=False</c> reads it.</summary>
    Latest,
}

/// <summary>What a wall-clock time skipped when clocks spring forward stands for.</summary>
public enum NonexistentLocalTime
{
    /// <summary>Refuse it: the reader must give an offset or choose.</summary>
    Error,

    /// <summary>Read with the offset in force before the change: moved forward by the gap (02:30 becomes 03:30), as pytz's <c>is_dst=False</c> reads it.</summary>
    ShiftForward,
}
