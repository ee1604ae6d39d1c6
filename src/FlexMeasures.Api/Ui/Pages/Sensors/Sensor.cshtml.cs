using FlexMeasures.Api.Access;
using FlexMeasures.Api.Errors;
using FlexMeasures.Api.SensorData;
using FlexMeasures.Api.Sensors;
using FlexMeasures.Api.Ui.Graphs;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Beliefs.Import;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Jobs.Forecasts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace FlexMeasures.Api.Ui.Pages.Sensors;

/// <summary>
/// A sensor's page: its properties, the statistics of <c>GET /sensors/{id}/stats</c>, a CSV upload form that takes
/// what <c>POST /sensors/{id}/data/upload</c> takes (the same reading, rules and importer), and (partial
/// <c>_SensorGraph</c>) its graph.
/// </summary>
internal sealed class SensorModel(
    FlexMeasuresDbContext db,
    Authorizer authorizer,
    BeliefImporter importer,
    DataSourceService sources,
    ForecastTrigger trigger,
    IOptions<BeliefOptions> beliefOptions,
    IOptions<AntiforgeryOptions> antiforgery,
    TimeProvider clock) : UiPageModel
{
    public Sensor Sensor { get; private set; } = null!;

    /// <summary>The graph's period (from the page's period links and date picker), in the sensor's time zone.</summary>
    public GraphView Graph { get; private set; } = null!;

    public string AssetName { get; private set; } = "";

    public IReadOnlyDictionary<string, SensorStats> Stats { get; private set; } = new Dictionary<string, SensorStats>();

    /// <summary>The user may add beliefs to this sensor (the upload form is shown).</summary>
    public bool MayUpload { get; private set; }

    /// <summary>What an upload stored, in words.</summary>
    public string? Stored { get; private set; }

    /// <summary>Why an upload was refused (nothing was stored then), each naming its field, and file and line where it is a row.</summary>
    public IReadOnlyList<string> Refusals { get; private set; } = [];

    public async Task OnGetAsync(int id, string? period, string? date, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken, period, date);

    public async Task<IActionResult> OnPostUploadAsync(int id, CancellationToken cancellationToken)
    {
        var (sensor, _) = await authorizer.LoadSensorAsync(Viewer, id, Permission.CreateChildren, cancellationToken);
        try
        {
            var upload = SensorDataUpload.Read(UploadFields(await Request.ReadFormAsync(cancellationToken)), sensor, beliefOptions.Value.AllowOverwrite);
            var (result, note) = await SensorDataApi.ImportAsync(upload, sensor.Id, Viewer, importer, sources, trigger, cancellationToken);
            Stored = Describe(result.Saved) + note;
        }
        catch (RequestValidationException e)
        {
            Refusals = Problems(e);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>
    /// The form as the upload endpoint reads it: without the antiforgery field, and without the options left blank
    /// (a browser sends every field; a client sends only those it sets).
    /// </summary>
    private FormCollection UploadFields(IFormCollection form)
    {
        var fields = form
            .Where(f => f.Key != antiforgery.Value.FormFieldName && f.Value.Any(v => !string.IsNullOrEmpty(v)))
            .ToDictionary(f => f.Key, f => new StringValues([.. f.Value.Where(v => !string.IsNullOrEmpty(v))]));
        return new FormCollection(fields, form.Files);
    }

    private static string Describe(SaveResult saved)
    {
        var words = $"{saved.Stored} {(saved.Stored == 1 ? "belief" : "beliefs")} stored.";
        if (saved.Replaced > 0)
        {
            words += $" {saved.Replaced} replaced.";
        }

        if (saved.Unchanged + saved.Duplicates > 0)
        {
            words += $" {saved.Unchanged + saved.Duplicates} not stored again: already known.";
        }

        if (saved.Empty > 0)
        {
            words += $" {saved.Empty} without a value skipped.";
        }

        return words;
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken, string? period = null, string? date = null)
    {
        var (sensor, owner) = await authorizer.LoadSensorAsync(Viewer, id, Permission.Read, cancellationToken);
        Sensor = sensor;
        AssetName = await db.GenericAssets.AsNoTracking().Where(a => a.Id == sensor.GenericAssetId).Select(a => a.Name).SingleAsync(cancellationToken);
        Stats = await SensorsApi.StatsOfAsync(id, db, cancellationToken);
        MayUpload = AccessPolicy.MayAccessSensor(Viewer, owner, Permission.CreateChildren);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(sensor.Timezone, out var own) ? own : ViewerZone;
        Graph = GraphView.Read("sensors", id, period, date, zone, clock);
    }
}
