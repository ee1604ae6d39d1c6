using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace FlexMeasures.Api.Hosting;

/// <summary>
/// Example bodies in the OpenAPI document, as FlexMeasures' documentation gives them: handlers that read their JSON
/// body themselves (to answer 422 FlexMeasures' way) have no request type to describe, so the example shows the shape.
/// </summary>
internal static class OpenApiExamples
{
    /// <summary>Adds an example JSON answer for <paramref name="status"/> and, when given, an example JSON request body.</summary>
    public static RouteHandlerBuilder WithJsonExamples(this RouteHandlerBuilder builder, int status, JsonNode response, JsonNode? request = null) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            operation.Responses ??= [];
            if (operation.Responses.TryGetValue(key, out var existing) && existing.Content?.TryGetValue("application/json", out var media) == true)
            {
                media.Example = response.DeepClone();
            }
            else
            {
                operation.Responses[key] = new OpenApiResponse
                {
                    Description = existing?.Description ?? ReasonPhrases.GetReasonPhrase(status),
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Example = response.DeepClone() } },
                };
            }

            if (request is not null)
            {
                if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
                {
                    body.Example = request.DeepClone();
                }
                else
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Example = request.DeepClone() } },
                    };
                }
            }

            return Task.CompletedTask;
        });
}
