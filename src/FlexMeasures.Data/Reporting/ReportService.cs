using System.Text.Json.Nodes;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Reporting;

/// <summary>A computed report, not stored yet.</summary>
/// <param name="BeliefTime">UTC: inputs as known then; the results are held then.</param>
public sealed record ComputedReport(IReporter Reporter, ReportParameters Parameters, bool SaveConfig, DateTime BeliefTime, IReadOnlyList<ReportResult> Results);

/// <summary>What storing a report did.</summary>
/// <param name="Stored">New beliefs (a recomputed report whose values did not change stores none).</param>
public sealed record StoredReport(int SourceId, long Stored, long Unchanged);

/// <summary>
/// Makes reports: checks the config and parameters (naming the field of the first problem) before anything is read,
/// computes with the reporter, and stores the results as beliefs of a <c>reporter</c> data source in one transaction.
/// </summary>
public sealed class ReportService(FlexMeasuresDbContext db, ReportInputs inputs, BeliefStore store, DataSourceService sources, TimeProvider time)
{
    /// <exception cref="InvalidInputException">Field <c>reporter</c>, <c>config.…</c> or <c>parameters.…</c>.</exception>
    public async Task<ComputedReport> ComputeAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reporter = await ReporterCatalogue.CreateAsync(request.Reporter, request.Config, db, cancellationToken);
        var parameters = ReportParameters.FromJson(request.Parameters);
        var ids = parameters.Inputs.Select(i => i.SensorId).Concat(parameters.Outputs.Select(o => o.SensorId)).Distinct().ToList();
        var sensors = await db.Sensors.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        RequireSensors(parameters.Inputs.Select(i => i.SensorId), "input", sensors);
        RequireSensors(parameters.Outputs.Select(o => o.SensorId), "output", sensors);
        var beliefTime = parameters.BeliefTime ?? time.GetUtcNow().UtcDateTime;
        var context = new ReportContext(parameters, sensors, beliefTime, inputs);
        var results = await reporter.ComputeAsync(context, cancellationToken);
        return new ComputedReport(reporter, parameters, request.SaveConfig, beliefTime, results);
    }

    /// <summary>
    /// Stores every result (gaps left out) in one transaction, held at the report's belief time, under the data source
    /// for this reporter, version and (with <see cref="ComputedReport.SaveConfig"/>) config; a value equal to the latest
    /// stored one is not stored again.
    /// </summary>
    public async Task<StoredReport> StoreAsync(ComputedReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var source = await sources.GetOrCreateGeneratorAsync(
            ReporterCatalogue.SourceName, ReporterCatalogue.SourceType, report.Reporter.Name, report.Reporter.Version, Attributes(report), cancellationToken);
        return await db.InTransactionAsync(
            async ct =>
            {
                long stored = 0, unchanged = 0;
                foreach (var result in report.Results)
                {
                    var sensor = result.Sensor;
                    var beliefs = result.Steps.Zip(result.Values)
                        .Where(p => p.Second is not null)
                        .Select(p => new NewBelief(
                            p.First,
                            KnowledgeHorizons.BeliefHorizon(sensor.KnowledgeHorizonFnc, sensor.KnowledgeHorizonPar, p.First, sensor.EventResolution, report.BeliefTime),
                            p.Second!.Value))
                        .ToList();
                    var saved = await store.SaveAsync(sensor.Id, source.Id, beliefs, allowOverwrite: false, ct);
                    stored += saved.Stored;
                    unchanged += saved.Unchanged + saved.Duplicates;
                }

                return new StoredReport(source.Id, stored, unchanged);
            },
            cancellationToken);
    }

    /// <summary>FlexMeasures' data generator attributes: the config under <c>data_generator</c> when it is to be kept.</summary>
    private static JsonObject Attributes(ComputedReport report) => new()
    {
        ["data_generator"] = report.SaveConfig ? new JsonObject { ["config"] = report.Reporter.Config.DeepClone() } : new JsonObject(),
    };

    private static void RequireSensors(IEnumerable<int> ids, string list, Dictionary<int, Sensors.Sensor> sensors)
    {
        var i = 0;
        foreach (var id in ids)
        {
            if (!sensors.ContainsKey(id))
            {
                throw new InvalidInputException($"parameters.{list}[{i}].sensor", $"no sensor with id {id}");
            }

            i++;
        }
    }
}
