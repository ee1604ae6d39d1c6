namespace FlexMeasures.Api.Access;

/// <summary>A logged-in user lacks a permission: 403 <c>INVALID_SENDER</c>.</summary>
internal sealed class AccessDeniedException(string message) : Exception(message);
