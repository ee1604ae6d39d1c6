namespace FlexMeasures.Data.Beliefs.Import;

/// <summary>One CSV text (or Excel workbook) to import, wherever it comes from (a file on disk, an uploaded form file).</summary>
/// <param name="Name">How messages name it (a path, or an uploaded file's name); its extension says whether it is a workbook.</param>
/// <param name="SensorId">The sensor its rows are about.</param>
/// <param name="Length">Its size in bytes, for progress.</param>
/// <param name="Open">Opens it for reading, once; the importer disposes the stream.</param>
public sealed record CsvBeliefInput(string Name, int SensorId, long Length, Func<Stream> Open);
