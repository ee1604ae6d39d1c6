namespace FlexMeasures.Api.Errors;

/// <summary>The request cannot be read at all (e.g. the body is not JSON): 400, or 415 for a non-JSON content type.</summary>
internal sealed class BadRequestException(string message, int statusCode = 400) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
