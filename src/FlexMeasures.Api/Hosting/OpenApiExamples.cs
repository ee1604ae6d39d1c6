using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace FlexMeasures.Api.Hosting;

/// <summary>
/// Example bodies in <c>/api/openapi/v3_0.json</c>. Most handlers return <c>IResult</c>, whose responses the document
/// cannot infer, and read their JSON body themselves (to answer 422 FlexMeasures' way), so the example also declares
/// the response (status, description, JSON content) or request body it belongs to.
/// </summary>
internal static class OpenApiExamples
{
    /// <summary>Adds <paramref name="json"/> as the example JSON body of the <paramref name="status"/> response.</summary>
    public static TBuilder WithExample<TBuilder>(this TBuilder builder, int status, string json)
        where TBuilder : IEndpointConventionBuilder
    {
        var example = JsonNode.Parse(json);
        return builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= new OpenApiResponses();
            var key = status.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(key, out var response) || response is not OpenApiResponse concrete)
            {
                concrete = new OpenApiResponse { Description = ReasonPhrases.GetReasonPhrase(status) };
                operation.Responses[key] = concrete;
            }

            concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
            if (!concrete.Content.TryGetValue("application/json", out var media))
            {
                media = new OpenApiMediaType();
                concrete.Content["application/json"] = media;
            }

            media.Example = example?.DeepClone();
            return Task.CompletedTask;
        });
    }

    /// <summary>Adds an example JSON answer for <paramref name="status"/> and, when given, an example JSON request body.</summary>
    public static RouteHandlerBuilder WithJsonExamples(this RouteHandlerBuilder builder, int status, JsonNode response, JsonNode? request = null)
    {
        builder.WithExample(status, response.ToJsonString());
        return request is null ? builder : builder.WithRequestExample("application/json", request.ToJsonString());
    }

    /// <summary>Declares a request body of <paramref name="contentType"/> with an example (a form's fields as a JSON object).</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, string contentType, string json)
        where TBuilder : IEndpointConventionBuilder
    {
        var example = JsonNode.Parse(json);
        return builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var body = operation.RequestBody as OpenApiRequestBody ?? new OpenApiRequestBody();
            body.Content ??= new Dictionary<string, OpenApiMediaType>();
            if (!body.Content.TryGetValue(contentType, out var media))
            {
                media = new OpenApiMediaType();
                body.Content[contentType] = media;
            }

            media.Example = example?.DeepClone();
            operation.RequestBody = body;
            return Task.CompletedTask;
        });
    }
}
