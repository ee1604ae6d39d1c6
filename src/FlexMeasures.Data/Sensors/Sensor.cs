using FlexMeasures.Data.Assets;

namespace FlexMeasures.Data.Sensors;

/// <summary>
/// A time series source on an asset (table <c>sensor</c>): what is measured or forecast, in which unit,
/// at which resolution, and when the true value of an event can be known.
/// </summary>
public sealed class Sensor
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>A unit expression such as <c>kW</c>, <c>EUR/MWh</c> or <c>m³/h</c>; empty for dimensionless.</summary>
    public string Unit { get; set; } = "";

    /// <summary>IANA time zone name used for calendar arithmetic (e.g. daily events).</summary>
    public string Timezone { get; set; } = "UTC";

    /// <summary>Duration of each event; zero for instantaneous readings.</summary>
    public TimeSpan EventResolution { get; set; }

    /// <summary>
    /// Name of the function that gives the knowledge horizon of an event:
    /// knowledge time = event start − knowledge horizon.
    /// </summary>
    public string KnowledgeHorizonFnc { get; set; } = "ex_post";

    /// <summary>JSON object with the parameters of <see cref="KnowledgeHorizonFnc"/>.</summary>
    public string KnowledgeHorizonPar { get; set; } = """{"ex_post_horizon": "P0D"}""";

    /// <summary>Free-form JSON object.</summary>
    public string Attributes { get; set; } = "{}";

    public int GenericAssetId { get; set; }

    public GenericAsset? GenericAsset { get; set; }
}
