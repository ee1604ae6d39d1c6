using FlexMeasures.Api.Access;
using FlexMeasures.Data.Sensors;

namespace FlexMeasures.Api.Ui.Pages.Sensors;

/// <summary>A sensor's page: its properties, and (partial <c>_SensorGraph</c>) its graph.</summary>
internal sealed class SensorModel(Authorizer authorizer) : UiPageModel
{
    public Sensor Sensor { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) =>
        Sensor = (await authorizer.LoadSensorAsync(Viewer, id, Permission.Read, cancellationToken)).Sensor;
}
