namespace FlexMeasures.Data.Reporting;

/// <summary>
/// A reporter with a checked configuration: computes report series from input series. Made by
/// <see cref="ReporterCatalogue.CreateAsync"/>; the reading and storing around it is <see cref="ReportService"/>'s.
/// </summary>
public interface IReporter
{
    /// <summary>The class name FlexMeasures uses, e.g. <c>AggregatorReporter</c> (the data source's model).</summary>
    string Name { get; }

    /// <summary>The data source's version; raised when the same config would give other numbers.</summary>
    string Version { get; }

    /// <summary>The configuration as checked, with defaults filled in: what the data source keeps in its attributes.</summary>
    System.Text.Json.Nodes.JsonObject Config { get; }

    /// <summary>Computes the report; nothing is stored.</summary>
    /// <exception cref="Validation.InvalidInputException">Parameters this reporter cannot use (field <c>parameters.…</c>).</exception>
    Task<IReadOnlyList<ReportResult>> ComputeAsync(ReportContext context, CancellationToken cancellationToken);
}
