using System.Globalization;
using System.Text.Json.Nodes;
using FlexMeasures.Api.Access;
using FlexMeasures.Api.Auth;
using FlexMeasures.Api.Errors;
using FlexMeasures.Api.Hosting;
using FlexMeasures.Api.Requests;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Beliefs.Import;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.Validation;
using FlexMeasures.Jobs.Forecasts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlexMeasures.Api.SensorData;

/// <summary>
/// Posting and reading sensor data: <c>/api/v3_0/sensors/{id}/data</c>, and the deprecated
/// <c>/api/v3_0/sensors/data</c> that names the sensor by entity address in the body or query.
/// </summary>
internal static class SensorDataApi
{
    public const string Processed = "Request has been processed.";
    public const string AlreadyReceived = "Some of the data has already been received and successfully processed.";

    private const string EntityAddressPrefix = "ea1.2021-01.io.flexmeasures:fm1.";

    public static RouteGroupBuilder MapSensorDataApi(this RouteGroupBuilder sensors)
    {
        sensors.MapPost("/{id:int}/data", PostDataAsync).WithName("PostSensorData")
            .WithExample(200, """{"status": "PROCESSED", "message": "Request has been processed."}""")
            .WithRequestExample("application/json", """{"values": [0.12, 0.15, 0.18, 0.2], "start": "2026-11-30T00:00:00+01:00", "duration": "PT1H", "unit": "MW", "prior": "2026-11-30T12:00:00+01:00"}""").WithSummary("Post sensor data").Accepts<JsonObject>("application/json");
        sensors.MapPost("/{id:int}/data/upload", UploadDataAsync).WithName("UploadSensorData")
            .WithSummary("Upload sensor data by file (multipart: CSV files or Excel workbooks in uploaded-files, unit, belief-time-measured-instantly and the options of add beliefs)")
            .DisableAntiforgery()
            .WithRequestExample("multipart/form-data", """{"uploaded-files": "(one or more CSV files or Excel workbooks: event start, value)", "unit": "kW", "belief-time-measured-instantly": "on"}""")
            .WithExample(StatusCodes.Status200OK, """{"message": "Request has been processed.", "status": "PROCESSED"}""")
            .WithExample(StatusCodes.Status422UnprocessableEntity, """{"message": {"combined_sensor_data_upload": {"uploaded-files": ["Invalid content in file: meter.csv. Failed with: Line 3: 'abc' in column 1 is not a number."]}}, "result": "Rejected", "status": "UNPROCESSABLE_ENTITY"}""");
        sensors.MapGet("/{id:int}/data", GetDataAsync).WithName("GetSensorData")
            .WithExample(200, """{"values": [0.12, 0.15, null, 0.2], "start": "2026-11-30T00:00:00+01:00", "duration": "PT1H", "unit": "MW", "resolution": "PT15M", "status": "PROCESSED", "message": "Request has been processed."}""").WithSummary("Get sensor data");
        sensors.MapPost("/data", PostDataByAddressAsync).WithName("PostSensorDataDeprecated")
            .WithExample(200, """{"status": "PROCESSED", "message": "Request has been processed."}""")
            .WithRequestExample("application/json", """{"values": [0.12, 0.15, 0.18, 0.2], "start": "2026-11-30T00:00:00+01:00", "duration": "PT1H", "unit": "MW", "prior": "2026-11-30T12:00:00+01:00", "sensor": "ea1.2026-11.localhost:fm1.4"}""").WithSummary("Post sensor data (deprecated: sensor by entity address)").Accepts<JsonObject>("application/json");
        sensors.MapGet("/data", GetDataByAddressAsync).WithName("GetSensorDataDeprecated")
            .WithExample(200, """{"values": [0.12, 0.15, null, 0.2], "start": "2026-11-30T00:00:00+01:00", "duration": "PT1H", "unit": "MW", "resolution": "PT15M", "status": "PROCESSED", "message": "Request has been processed."}""").WithSummary("Get sensor data (deprecated: sensor by entity address)");
        return sensors;
    }

    internal static async Task<Ok<PostSensorDataResponse>> PostDataAsync(
        int id,
        ApiUser user,
        HttpRequest request,
        Authorizer authorizer,
        FlexMeasuresDbContext db,
        BeliefStore store,
        DataSourceService sources,
        ForecastTrigger trigger,
        IOptions<BeliefOptions> beliefOptions,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow();
        await authorizer.RequireSensorAsync(user, id, Permission.CreateChildren, cancellationToken);
        var body = FieldReader.FromJson(await JsonRequest.ReadObjectAsync(request, cancellationToken));
        return await SaveAsync(id, user, body, receivedAt, db, store, sources, trigger, beliefOptions.Value.AllowOverwrite, cancellationToken);
    }

    /// <summary>
    /// Stores the beliefs of one or more uploaded CSV files or Excel workbooks (first sheet, or sheet-number), all or none (one transaction), under the user's data
    /// source. A row that cannot be read is a 422 naming the file and line; nothing is stored then.
    /// </summary>
    internal static async Task<Ok<PostSensorDataResponse>> UploadDataAsync(
        int id,
        ApiUser user,
        HttpRequest request,
        Authorizer authorizer,
        BeliefImporter importer,
        DataSourceService sources,
        ForecastTrigger trigger,
        IOptions<BeliefOptions> beliefOptions,
        CancellationToken cancellationToken)
    {
        var (sensor, _) = await authorizer.LoadSensorAsync(user, id, Permission.CreateChildren, cancellationToken);
        if (!request.HasFormContentType)
        {
            throw new RequestValidationException(SensorDataUpload.Location, SensorDataUpload.FilesField, "Send the files as multipart/form-data, in the field uploaded-files.");
        }

        var upload = SensorDataUpload.Read(await request.ReadFormAsync(cancellationToken), sensor, beliefOptions.Value.AllowOverwrite);
        var (result, note) = await ImportAsync(upload, sensor.Id, user, importer, sources, trigger, cancellationToken);
        return TypedResults.Ok(Answer(result.Saved.Status, note));
    }

    /// <summary>
    /// Stores an upload the user may add to <paramref name="sensorId"/> (for this endpoint and the sensor page's form),
    /// all or none, then queues forecasts of the new measurements; the note says what went wrong with those.
    /// </summary>
    /// <exception cref="RequestValidationException">A row cannot be read (naming file and line), or an option does not fit; nothing was stored.</exception>
    internal static async Task<(BeliefImportResult Result, string Note)> ImportAsync(
        SensorDataUpload upload, int sensorId, ApiUser user, BeliefImporter importer, DataSourceService sources, ForecastTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(importer);
        BeliefImportResult result;
        try
        {
            result = await importer.ImportAsync(
                upload.Inputs(sensorId), ct => sources.UserSourceAsync(user.Id, user.Name, user.AccountId, ct), upload.Options, null, cancellationToken);
        }
        catch (BeliefImportException e)
        {
            throw new RequestValidationException(
                SensorDataUpload.Location, SensorDataUpload.FilesField, $"Invalid content in file: {e.File}. Failed with: {e.Location}: {e.Reason}.");
        }
        catch (InvalidInputException e)
        {
            throw new RequestValidationException(SensorDataUpload.Location, e.Field == "file" ? SensorDataUpload.FilesField : e.Field, e.Message);
        }

        return (result, await QueueForecastsAsync(trigger, result.NewMeasurements, cancellationToken));
    }

    internal static async Task<Ok<PostSensorDataResponse>> PostDataByAddressAsync(
        ApiUser user,
        HttpRequest request,
        Authorizer authorizer,
        FlexMeasuresDbContext db,
        BeliefStore store,
        DataSourceService sources,
        ForecastTrigger trigger,
        IOptions<BeliefOptions> beliefOptions,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow();
        var body = FieldReader.FromJson(await JsonRequest.ReadObjectAsync(request, cancellationToken));
        var id = SensorIdFromAddress(body);
        await authorizer.RequireSensorAsync(user, id, Permission.CreateChildren, cancellationToken);
        return await SaveAsync(id, user, body, receivedAt, db, store, sources, trigger, beliefOptions.Value.AllowOverwrite, cancellationToken);
    }

    /// <summary>
    /// The walk from this request to SQL, in order (one statement each; three on the common path, on both providers):
    /// <list type="number">
    /// <item>The token's user with its roles (<see cref="TokenAuthenticationHandler"/>).</item>
    /// <item>The sensor with its asset's account and consultancy (<see cref="Authorizer.LoadSensorAsync"/>), checked
    /// against the access policy and then passed down; nothing after this loads it again.</item>
    /// <item>The data (<see cref="SeriesReader.ReadAsync(Data.Sensors.Sensor, SeriesQuery, CancellationToken)"/>): on
    /// PostgreSQL the latest belief per event binned to the resolution in SQL, elsewhere the latest belief per event;
    /// the source filters and the check for versioned sources are subqueries of that statement.</item>
    /// </list>
    /// Only the uncommon cases add statements: versioned sources or beliefs without a median (the general path, plus
    /// the sources' versions when several sources answer), and an empty answer for a <c>source</c> filter (is there
    /// such a source?). The unit and source checks live in the reader; this handler only words them as FlexMeasures does.
    /// </summary>
    internal static async Task<Ok<GetSensorDataResponse>> GetDataAsync(
        int id,
        ApiUser user,
        HttpRequest request,
        Authorizer authorizer,
        [FromKeyedServices(LaggingReads.Key)] SeriesReader reader, // beliefs may lag (decision 0020); the sensor and access check stay on the primary
        IOptions<ApiOptions> options,
        CancellationToken cancellationToken)
    {
        var (sensor, _) = await authorizer.LoadSensorAsync(user, id, Permission.Read, cancellationToken);
        return await ReadAsync(sensor, FieldReader.FromQuery(request.Query), reader, options.Value, cancellationToken);
    }

    internal static async Task<Ok<GetSensorDataResponse>> GetDataByAddressAsync(
        ApiUser user,
        HttpRequest request,
        Authorizer authorizer,
        [FromKeyedServices(LaggingReads.Key)] SeriesReader reader, // beliefs may lag (decision 0020); the sensor and access check stay on the primary
        IOptions<ApiOptions> options,
        CancellationToken cancellationToken)
    {
        var query = FieldReader.FromQuery(request.Query);
        var id = SensorIdFromAddress(query);
        var (sensor, _) = await authorizer.LoadSensorAsync(user, id, Permission.Read, cancellationToken);
        return await ReadAsync(sensor, query, reader, options.Value, cancellationToken);
    }

    private static async Task<Ok<PostSensorDataResponse>> SaveAsync(
        int sensorId,
        ApiUser user,
        FieldReader body,
        DateTimeOffset receivedAt,
        FlexMeasuresDbContext db,
        BeliefStore store,
        DataSourceService sources,
        ForecastTrigger trigger,
        bool allowOverwrite,
        CancellationToken cancellationToken)
    {
        var posted = SensorDataPost.Read(body);
        var sensor = await db.Sensors.AsNoTracking().SingleAsync(s => s.Id == sensorId, cancellationToken);
        var beliefs = posted.ToBeliefs(sensor, receivedAt);

        var result = await db.InTransactionAsync(
            async ct =>
            {
                var (source, _) = await sources.UserSourceAsync(user.Id, user.Name, user.AccountId, ct);
                return await store.SaveAsync(sensorId, source.Id, beliefs, allowOverwrite, ct);
            },
            cancellationToken);

        IReadOnlyList<MeasurementWindow> windows = result.Measurements is { } measured ? [new MeasurementWindow(sensorId, measured.First, measured.Last)] : [];
        return TypedResults.Ok(Answer(result.Status, await QueueForecastsAsync(trigger, windows, cancellationToken)));
    }

    /// <summary>
    /// After the commit: forecasting jobs follow new measurements. The data stays saved whatever happens here; what went
    /// wrong is told in the answer's message.
    /// </summary>
    internal static async Task<string> QueueForecastsAsync(ForecastTrigger trigger, IReadOnlyList<MeasurementWindow> windows, CancellationToken cancellationToken)
    {
        if (windows.Count == 0 || !trigger.Enabled)
        {
            return "";
        }

        var note = "";
        var queued = await trigger.QueueAsync(windows, workedInProcess: true, cancellationToken);
        if (queued.Problem is not null)
        {
            note = $" Forecasting jobs could not be queued ({queued.Problem}).";
        }

        return note + string.Concat(queued.LeftOut.Select(l => $" Note: {l}."));
    }

    /// <summary>FlexMeasures' answer to stored data: PROCESSED when all was new, else ALREADY_RECEIVED_AND_SUCCESSFULLY_PROCESSED.</summary>
    internal static PostSensorDataResponse Answer(SaveStatus status, string note) => status == SaveStatus.Saved
        ? new PostSensorDataResponse("PROCESSED", Processed + note)
        : new PostSensorDataResponse("ALREADY_RECEIVED_AND_SUCCESSFULLY_PROCESSED", AlreadyReceived + note, "PROCESSED");

    private static async Task<Ok<GetSensorDataResponse>> ReadAsync(
        Sensor sensor, FieldReader query, SeriesReader reader, ApiOptions options, CancellationToken cancellationToken)
    {
        var start = query.AwareDateTime("start", required: true);
        var duration = query.Duration("duration", required: true);
        var unit = query.String("unit", required: true);
        var horizon = query.Duration("horizon");
        var prior = query.AwareDateTime("prior");
        var resolution = query.Duration("resolution");
        var source = query.Integer("source");
        var sourceAccount = query.Integer("source-account") ?? query.Integer("source_account");
        var sourceType = query.String("source-type") ?? query.String("source_type");
        query.Window(start, "duration", duration);
        query.ThrowIfInvalid();

        var beliefs = new BeliefQuery
        {
            SensorId = sensor.Id,
            HorizonsAtLeast = horizon,
            BeliefsBefore = prior?.UtcDateTime,
            SourceIds = source is { } s ? [s] : null,
            SourceAccountId = sourceAccount,
            SourceTypes = sourceType is { } t ? [t] : null,
        };

        SensorSeries series;
        try
        {
            series = await reader.ReadAsync(sensor, new SeriesQuery(sensor.Id, start!.Value.UtcDateTime, duration!.Value, resolution, unit, beliefs, options.MaxValuesPerResponse), cancellationToken);
        }
        catch (InvalidInputException e) when (e.Field == "unit")
        {
            // FlexMeasures reports a unit that does not fit the sensor for the whole request, in these words.
            throw new RequestValidationException("query", "_schema", $"{SensorDataPost.IncompatibleUnit(sensor, unit!)} ({e.Message})");
        }
        catch (InvalidInputException e)
        {
            throw new RequestValidationException("query", e.Field, e.Message);
        }

        return TypedResults.Ok(new GetSensorDataResponse(
            series.Values,
            ApiTime.DateTime(start!.Value),
            ApiTime.Duration(duration!.Value),
            series.Unit,
            ApiTime.Duration(series.Resolution),
            "PROCESSED",
            Processed));
    }

    /// <summary>The sensor id in <c>ea1.2021-01.io.flexmeasures:fm1.&lt;id&gt;</c> of field <c>sensor</c>.</summary>
    /// <exception cref="RequestValidationException">Missing or not such an address.</exception>
    private static int SensorIdFromAddress(FieldReader fields)
    {
        var address = fields.String("sensor", required: true);
        fields.ThrowIfInvalid();
        if (!address!.StartsWith(EntityAddressPrefix, StringComparison.Ordinal)
            || !int.TryParse(address[EntityAddressPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new RequestValidationException(fields.Location, "sensor", $"Could not parse entity address '{address}': expected {EntityAddressPrefix}<sensor id>.");
        }

        return id;
    }
}
