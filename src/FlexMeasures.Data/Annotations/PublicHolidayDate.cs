namespace FlexMeasures.Data.Annotations;

/// <summary>One public holiday: its local date and its English name.</summary>
public sealed record PublicHolidayDate(DateOnly Date, string Name);
