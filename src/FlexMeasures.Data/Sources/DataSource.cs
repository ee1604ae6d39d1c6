namespace FlexMeasures.Data.Sources;

/// <summary>Who or what produced a belief: a user, forecaster, scheduler, script (table <c>data_source</c>).</summary>
/// <remarks>
/// <see cref="UserId"/> and <see cref="AccountId"/> carry no foreign keys, as in FlexMeasures: a source
/// keeps naming who produced the data after that user or account is deleted.
/// </remarks>
public sealed class DataSource
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>E.g. <c>user</c>, <c>forecaster</c>, <c>scheduler</c>, <c>demo script</c>.</summary>
    public string? Type { get; set; }

    /// <summary>The user this source stands for (type <c>user</c>); at most one source per user.</summary>
    public int? UserId { get; set; }

    public int? AccountId { get; set; }

    public string? Model { get; set; }

    public string? Version { get; set; }

    /// <summary>Free-form JSON object.</summary>
    public string Attributes { get; set; } = "{}";

    /// <summary>
    /// SHA-256 of the attributes as Python's <c>json.dumps(…, sort_keys=True)</c> writes them; part of the
    /// source's identity. Null when the source was made without attributes.
    /// </summary>
    public byte[]? AttributesHash { get; set; }
}
