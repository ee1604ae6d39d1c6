using System.Text.Json;
using System.Text.Json.Nodes;
using FlexMeasures.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace FlexMeasures.Api.Requests;

/// <summary>Reads a request body as one JSON object, with FlexMeasures' answers to bodies that are not.</summary>
internal static class JsonRequest
{
    /// <exception cref="BadRequestException">415 for another content type; 400 for a body that is not JSON.</exception>
    /// <exception cref="RequestValidationException">JSON, but not an object.</exception>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            throw new BadRequestException("Content-type of request must be application/json.", StatusCodes.Status415UnsupportedMediaType);
        }

        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            throw new BadRequestException("Invalid JSON body.");
        }

        return node as JsonObject ?? throw new RequestValidationException("json", "_schema", "Invalid input type.");
    }
}
