namespace FlexMeasures.Api.Access;

/// <summary>FlexMeasures' permissions on an object.</summary>
internal enum Permission
{
    Read,
    Update,
    Delete,

    /// <summary>Adding things under the object: beliefs to a sensor, sensors or child assets to an asset, assets to an account.</summary>
    CreateChildren,
}
