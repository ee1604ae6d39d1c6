using FlexMeasures.Api.Access;
using FlexMeasures.Api.Ui.Graphs;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Sensors;

namespace FlexMeasures.Api.Ui.Pages.Sensors;

/// <summary>A sensor's page: its properties, and (partial <c>_SensorGraph</c>) its graph in the sensor's time zone.</summary>
internal sealed class SensorModel(FlexMeasuresDbContext db, Authorizer authorizer, TimeProvider clock) : UiPageModel
{
    public Sensor Sensor { get; private set; } = null!;

    public GraphView Graph { get; private set; } = null!;

    public async Task OnGetAsync(int id, string? period, string? date, CancellationToken cancellationToken)
    {
        Sensor = (await authorizer.LoadSensorAsync(Viewer, id, Permission.Read, cancellationToken)).Sensor;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(Sensor.Timezone, out var own) ? own : await ViewerZoneAsync(db, cancellationToken);
        Graph = GraphView.Read("sensors", id, period, date, zone, clock);
    }
}
