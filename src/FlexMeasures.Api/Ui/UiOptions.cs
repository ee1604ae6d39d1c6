using System.ComponentModel.DataAnnotations;

namespace FlexMeasures.Api.Ui;

/// <summary>Configuration section <c>Ui</c>: the web UI's settings.</summary>
public sealed class UiOptions
{
    public const string SectionName = "Ui";

    /// <summary>
    /// Map tiles for the dashboard's map (<c>Ui__MapTileUrl</c>), a URL template with <c>{z}</c>, <c>{x}</c> and
    /// <c>{y}</c>, e.g. <c>https://tile.openstreetmap.org/{z}/{x}/{y}.png</c>. None (the default): the map shows the
    /// assets on a plain background, so a site without internet access works the same.
    /// </summary>
    [Url(ErrorMessage = "must be an absolute http(s) URL template with {z}, {x} and {y}")]
    public string? MapTileUrl { get; set; }

    /// <summary>The attribution the tile server asks for (<c>Ui__MapTileAttribution</c>), shown on the map.</summary>
    public string? MapTileAttribution { get; set; }
}
