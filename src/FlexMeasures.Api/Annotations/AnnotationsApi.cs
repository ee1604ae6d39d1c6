using System.Text.Json.Nodes;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Annotations;
using FlexMeasures.Data.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FlexMeasures.Api.Annotations;

/// <summary>
/// <c>/api/v3_0/accounts|assets|sensors/&lt;id&gt;/annotations</c>: FlexMeasures' annotation POST (201 for a new
/// annotation, 200 when the same one was stored already), and reading an object's annotations per period.
/// </summary>
internal static class AnnotationsApi
{
    private static readonly string[] BodyFields = ["content", "start", "end", "type", "prior"];

    public static RouteGroupBuilder MapAnnotationsApi(this RouteGroupBuilder group, AnnotatedKind kind)
    {
        var noun = kind.ToString().ToLowerInvariant();
        group.MapPost("/{id:int}/annotations", (int id, ApiUser user, HttpRequest request, Authorizer authorizer, AnnotationService annotations, DataSourceService sources, CancellationToken cancellationToken) =>
                PostAsync(new AnnotatedObject(kind, id), user, request, authorizer, annotations, sources, cancellationToken))
            .WithName($"Post{kind}Annotation")
            .WithSummary($"Annotate a{(kind == AnnotatedKind.Account || kind == AnnotatedKind.Asset ? "n" : "")} {noun}")
            .WithDescription($"Stores an annotation (content, start, end, optional type and prior) on the {noun}, attributed to the posting user's data source; needs create-children permission on the {noun}. An identical annotation (content, start, end, type, source) is not stored twice: then 200 with the stored one, else 201.")
            .WithTags("Annotations")
            .Accepts<JsonObject>("application/json")
            .WithRequestExample("application/json", """{"content": "Sensor maintenance performed", "start": "2024-12-15T09:00:00+01:00", "end": "2024-12-15T11:00:00+01:00", "type": "label", "prior": "2024-12-15T08:45:00+01:00"}""")
            .WithExample(StatusCodes.Status201Created, AnnotationExample);
        group.MapGet("/{id:int}/annotations", (int id, ApiUser user, HttpRequest request, Authorizer authorizer, AnnotationService annotations, CancellationToken cancellationToken) =>
                ListAsync(new AnnotatedObject(kind, id), user, request, authorizer, annotations, cancellationToken))
            .WithName($"Get{kind}Annotations")
            .WithSummary($"List the annotations of a{(kind == AnnotatedKind.Account || kind == AnnotatedKind.Asset ? "n" : "")} {noun}")
            .WithDescription($"The {noun}'s own annotations that overlap [start, end) (both optional, ISO 8601 with offset), optionally of one type and recorded by prior; needs read permission on the {noun}. Example: ?start=2025-01-01T00:00:00%2B01:00&end=2026-01-01T00:00:00%2B01:00&type=holiday")
            .WithExample(StatusCodes.Status200OK, $"[{AnnotationExample}]")
            .WithTags("Annotations");
        return group;
    }

    internal static async Task<Results<Created<AnnotationResponse>, Ok<AnnotationResponse>>> PostAsync(
        AnnotatedObject target, ApiUser user, HttpRequest request, Authorizer authorizer, AnnotationService annotations, DataSourceService sources, CancellationToken cancellationToken)
    {
        await RequireAsync(authorizer, user, target, Permission.CreateChildren, cancellationToken);
        var body = FieldReader.FromJson(await JsonRequest.ReadObjectAsync(request, cancellationToken));
        body.RejectUnknown(BodyFields);
        var content = body.String("content", required: true);
        var start = body.AwareDateTime("start", required: true);
        var end = body.AwareDateTime("end", required: true);
        var type = body.String("type") ?? AnnotationTypes.Label;
        var prior = body.AwareDateTime("prior");
        body.ThrowIfInvalid();

        var annotation = new NewAnnotation(content!, start!.Value.UtcDateTime, end!.Value.UtcDateTime, prior?.UtcDateTime, type, SourceId: 0);
        if (AnnotationService.Problem(annotation) is { } problem)
        {
            body.Fail(problem.Field, char.ToUpperInvariant(problem.Message[0]) + problem.Message[1..] + ".");
            body.ThrowIfInvalid();
        }

        var source = await sources.ForUserAsync(user.Id, cancellationToken);
        var saved = await Sensors.SensorsApi.Translate(() => annotations.AddAsync(annotation with { SourceId = source.Id }, [target], cancellationToken));
        var response = AnnotationResponse.From(saved.Annotation);
        return saved.Created ? TypedResults.Created((string?)null, response) : TypedResults.Ok(response);
    }

    internal static async Task<Ok<List<AnnotationResponse>>> ListAsync(
        AnnotatedObject target, ApiUser user, HttpRequest request, Authorizer authorizer, AnnotationService annotations, CancellationToken cancellationToken)
    {
        await RequireAsync(authorizer, user, target, Permission.Read, cancellationToken);
        var query = FieldReader.FromQuery(request.Query);
        var start = query.AwareDateTime("start");
        var end = query.AwareDateTime("end");
        var type = query.String("type");
        var prior = query.AwareDateTime("prior");
        if (type is not null && !AnnotationTypes.All.Contains(type, StringComparer.Ordinal))
        {
            query.Fail("type", $"Must be one of: {string.Join(", ", AnnotationTypes.All)}.");
        }

        if (start is not null && end is not null && end < start)
        {
            query.Fail("end", "'end' must not be before 'start'.");
        }

        query.ThrowIfInvalid();
        var found = await annotations.FindAsync(new AnnotationQuery(target, start?.UtcDateTime, end?.UtcDateTime, type, prior?.UtcDateTime), cancellationToken);
        return TypedResults.Ok(found.ConvertAll(AnnotationResponse.From));
    }

    private static Task<Owner> RequireAsync(Authorizer authorizer, ApiUser user, AnnotatedObject target, Permission permission, CancellationToken cancellationToken) =>
        target.Kind switch
        {
            AnnotatedKind.Account => authorizer.RequireAccountAsync(user, target.Id, permission, cancellationToken),
            AnnotatedKind.Asset => authorizer.RequireAssetAsync(user, target.Id, permission, cancellationToken),
            _ => authorizer.RequireSensorAsync(user, target.Id, permission, cancellationToken),
        };

    private const string AnnotationExample =
        """{"id": 12, "content": "Sensor maintenance performed", "start": "2024-12-15T09:00:00+01:00", "end": "2024-12-15T11:00:00+01:00", "type": "label", "prior": "2024-12-15T08:45:00+01:00", "source": 3}""";
}
