namespace FlexMeasures.Data.Administration;

/// <summary>What kind of object carries the JSON attributes being edited.</summary>
public enum AttributeTarget
{
    Sensor,
    Asset,
    Account,
}
