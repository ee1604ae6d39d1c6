namespace FlexMeasures.Api.Errors;

/// <summary>
/// The request does not fit what the endpoint takes: 422 with the problems per location (<c>json</c>,
/// <c>query</c>, <c>path</c>) and field, as marshmallow/webargs report them in FlexMeasures. Field <c>_schema</c>
/// holds problems of the request as a whole.
/// </summary>
internal sealed class RequestValidationException(string location, IReadOnlyDictionary<string, IReadOnlyList<string>> errors)
    : Exception($"Invalid {location}: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}")
{
    public RequestValidationException(string location, string field, string message)
        : this(location, new Dictionary<string, IReadOnlyList<string>> { [field] = [message] })
    {
    }

    public string Location { get; } = location;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; } = errors;
}
