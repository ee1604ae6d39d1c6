namespace FlexMeasures.Data.Annotations;

/// <summary>What an annotation can be attached to (FlexMeasures' link tables <c>annotations_accounts</c>, <c>_assets</c>, <c>_sensors</c>).</summary>
public enum AnnotatedKind
{
    Account,
    Asset,
    Sensor,
}
