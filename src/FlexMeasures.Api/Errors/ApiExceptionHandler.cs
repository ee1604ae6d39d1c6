using System.Text.Json;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Hosting;
using System.Text.Json.Nodes;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Scheduling;
using FlexMeasures.Data.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.Errors;

/// <summary>The one place where exceptions become HTTP responses, in FlexMeasures' JSON shapes.</summary>
internal sealed class ApiExceptionHandler(IOptions<ApiOptions> options, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>FlexMeasures' message for a refused replacement (status INVALID_REPLACEMENT).</summary>
    public const string InvalidReplacementMessage =
        "Some of the data represents a replacement: existing values would be changed for the same sensor, source, event timestamp and belief time. "
        + "This is reserved for customized servers. If you are hosting FlexMeasures, you can enable replacements by setting FLEXMEASURES_ALLOW_DATA_OVERWRITE=True in the configuration settings. "
        + "Alternatively, submit the data with a different prior, or check whether the same file was already uploaded with different values.";

    public const string DatabaseOutageMessage = "The database cannot be reached right now; try again shortly.";

    /// <summary>When clients should try again after an outage; a PostgreSQL restart takes seconds.</summary>
    private const string RetryAfterSeconds = "5";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, body) = exception switch
        {
            RequestValidationException e => (StatusCodes.Status422UnprocessableEntity, ApiErrors.Unprocessable(
                new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> { [e.Location] = e.Errors })),
            InvalidInputException e => (StatusCodes.Status422UnprocessableEntity, ApiErrors.Unprocessable("json", e.Field, e.Message)),
            FlexConfigException e => (StatusCodes.Status422UnprocessableEntity, new ApiError(new JsonObject { ["json"] = e.Errors.ToJson() }, "UNPROCESSABLE_ENTITY", "Rejected")),
            ReplacementRefusedException => (StatusCodes.Status403Forbidden, new ApiError(InvalidReplacementMessage, "INVALID_REPLACEMENT", "Rejected")),
            AccessDeniedException e => (StatusCodes.Status403Forbidden, ApiErrors.Forbidden(e.Message)),
            NotPermittedException e => (StatusCodes.Status403Forbidden, ApiErrors.Forbidden(e.Message)),
            ResourceNotFoundException e => (StatusCodes.Status404NotFound, ApiErrors.Http(StatusCodes.Status404NotFound, e.Message)),
            BadRequestException e => (e.StatusCode, ApiErrors.Http(e.StatusCode, e.Message)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, ApiErrors.PayloadTooLarge(options.Value.MaxBodyBytes)),
            BadHttpRequestException { InnerException: JsonException } => (StatusCodes.Status400BadRequest, ApiErrors.Http(StatusCodes.Status400BadRequest, "Invalid JSON body.")),
            BadHttpRequestException e => (e.StatusCode, ApiErrors.Http(e.StatusCode, e.Message)),
            _ when DatabaseOutage.IsOutage(exception) => (StatusCodes.Status503ServiceUnavailable, ApiErrors.Http(StatusCodes.Status503ServiceUnavailable, DatabaseOutageMessage)),
            _ => (StatusCodes.Status500InternalServerError, ApiErrors.Http(StatusCodes.Status500InternalServerError)),
        };

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // The pooled connections are dead too; the client's next try should get fresh ones.
            DatabaseOutage.ForgetConnections(httpContext.RequestServices.GetService<FlexMeasuresDbContext>());
            logger.LogWarning("{Method} {Path} answered 503: the database cannot be reached ({Reason})", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }
        else if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("{Method} {Path} answered {Status}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, status, exception.Message);
        }

        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        await httpContext.Response.WriteAsJsonAsync(body, cancellationToken);
        return true;
    }
}
