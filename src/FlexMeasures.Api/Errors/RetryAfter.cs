namespace FlexMeasures.Api.Errors;

/// <summary>The <c>Retry-After</c> header's value for every refusal that says when to come back.</summary>
internal static class RetryAfter
{
    /// <summary>Whole seconds, rounded up, at least one.</summary>
    public static string Seconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
