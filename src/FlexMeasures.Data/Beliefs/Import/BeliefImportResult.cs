using FlexMeasures.Data.Sources;

namespace FlexMeasures.Data.Beliefs.Import;

/// <summary>What an import stored, under which source.</summary>
/// <param name="BeliefTimeIsImportTime">
/// Neither a horizon, a belief-time column nor a prior was given, so every belief counts as held at the
/// moment of import (forecasts imported so become measurements-like beliefs: worth telling the user).
/// </param>
public sealed record BeliefImportResult(SaveResult Saved, DataSource Source, bool SourceCreated, long Rows, bool BeliefTimeIsImportTime);
