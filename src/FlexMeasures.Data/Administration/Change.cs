namespace FlexMeasures.Data.Administration;

/// <summary>
/// A new value for a property that may be cleared: a <c>Change&lt;string?&gt;?</c> of null leaves the property as it
/// is, <c>new Change&lt;string?&gt;(null)</c> clears it.
/// </summary>
public readonly record struct Change<T>(T Value);
