namespace FlexMeasures.Api.Access;

/// <summary>FlexMeasures' permissions on an object.</summary>
internal enum Permission
{
    Read,
    Update,
    Delete,

    /// <summary>Adding things under the object: beliefs to a sensor, sensors or child assets to an asset, assets to an account.</summary>
    CreateChildren,

    /// <summary>Reading the audit log of a user or an account (FlexMeasures' <c>AuditLog.user_table_acl</c>, <c>account_table_acl</c>).</summary>
    ReadAuditLog,
}
