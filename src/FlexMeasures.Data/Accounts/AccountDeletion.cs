namespace FlexMeasures.Data.Accounts;

/// <summary>What deleting an account removes with it.</summary>
public sealed record AccountDeletion(string Name, int Users, int Assets, int Sensors, int Beliefs);
