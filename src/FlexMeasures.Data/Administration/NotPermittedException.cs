namespace FlexMeasures.Data.Administration;

/// <summary>
/// The acting user may not make this change (grant a role, name a consultancy, assign a plan), although they may
/// edit the object itself. The API answers 403.
/// </summary>
public sealed class NotPermittedException(string message) : Exception(message);
