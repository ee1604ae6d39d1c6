using System.Globalization;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Reporting;
using FlexMeasures.Jobs.Queue;
using Hangfire;

namespace FlexMeasures.Jobs.Reporting;

/// <summary>The reporting job: its argument is a <see cref="ReportRequest"/> as JSON, with the window already fixed.</summary>
public sealed class ReportJob(ReportService reports)
{
    /// <summary>Computes and stores the report; the result (JSON) names the source and counts the stored beliefs.</summary>
    /// <remarks>
    /// Not retried automatically: a report that failed (a bad config, a sensor deleted since) fails the same way again.
    /// Running it twice is harmless: a recomputed report whose values did not change stores nothing new.
    /// </remarks>
    [Queue(JobQueues.Reporting)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobRun]
    [JobDisplayName("Report")]
    public async Task<string> RunAsync(string request, CancellationToken cancellationToken)
    {
        var computed = await reports.ComputeAsync(ReportRequest.FromJson(request), cancellationToken);
        var stored = await reports.StoreAsync(computed, cancellationToken);
        return new JsonObject
        {
            ["reporter"] = computed.Reporter.Name,
            ["source"] = stored.SourceId,
            ["num-beliefs"] = stored.Stored,
            ["unchanged"] = stored.Unchanged,
            ["belief-time"] = computed.BeliefTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
        }.ToJsonString();
    }
}
