namespace FlexMeasures.Data.Scheduling;

/// <summary>The one currency all prices of a request share, set by the first price read.</summary>
internal sealed class PriceCurrency
{
    public string? Code { get; set; }
}
