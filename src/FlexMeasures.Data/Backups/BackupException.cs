namespace FlexMeasures.Data.Backups;

/// <summary>A backup could not be written or restored; the message says why.</summary>
public sealed class BackupException(string message) : Exception(message);
