namespace FlexMeasures.Api.Errors;

/// <summary>The object named in the path does not exist: 404.</summary>
internal sealed class ResourceNotFoundException(string message) : Exception(message);
