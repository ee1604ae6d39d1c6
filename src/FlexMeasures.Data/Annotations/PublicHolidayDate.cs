namespace FlexMeasures.Data.Annotations;

/// <summary>One public holiday: its local date and its name in the country's language (as the PublicHoliday package names it).</summary>
public sealed record PublicHolidayDate(DateOnly Date, string Name);
