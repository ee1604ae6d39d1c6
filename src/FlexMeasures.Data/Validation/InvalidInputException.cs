namespace FlexMeasures.Data.Validation;

/// <summary>
/// Input that cannot be accepted. <see cref="Field"/> names the offending input in snake_case
/// (<c>latitude</c>, <c>event_resolution</c>), so the CLI can name its option and the API its JSON field.
/// </summary>
public sealed class InvalidInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
