namespace FlexMeasures.Data.Annotations;

/// <summary>What <see cref="HolidayImport.AddAsync"/> did.</summary>
/// <param name="Holidays">The public holidays found.</param>
/// <param name="Created">How many of them were new annotations (the others were stored already).</param>
/// <param name="SourceName">The data source the annotations are attributed to.</param>
public sealed record HolidayImportResult(IReadOnlyList<PublicHolidayDate> Holidays, int Created, string SourceName);
