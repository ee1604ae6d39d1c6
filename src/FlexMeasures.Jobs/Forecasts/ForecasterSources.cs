using FlexMeasures.Data.Sources;

namespace FlexMeasures.Jobs.Forecasts;

/// <summary>Finds or creates the data source of type <c>forecaster</c> for a model and version.</summary>
public sealed class ForecasterSources(DataSourceService sources)
{
    public const string SourceType = "forecaster";

    public Task<DataSource> GetOrCreateAsync(string model, string version, CancellationToken cancellationToken) =>
        sources.GetOrCreateGeneratorAsync(ForecastModels.SourceName(model), SourceType, model, version, cancellationToken);
}
