namespace FlexMeasures.Data.Schema;

/// <summary>The database structure cannot be changed as asked; the message says why and what to do.</summary>
public sealed class SchemaException(string message) : Exception(message);
