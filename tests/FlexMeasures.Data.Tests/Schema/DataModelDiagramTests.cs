using System.Text;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Schema;
using FlexMeasures.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Data.Tests.Schema;

public sealed class DataModelDiagramTests
{
    [Theory]
    [InlineData(DiagramFormat.Mermaid, "sensor ||--o{ timed_belief : \"sensor_id\"")]
    [InlineData(DiagramFormat.Dot, "\"sensor\" -> \"timed_belief\":\"sensor_id\" [label=\"CASCADE\"]")]
    public async Task RenderAsync_DrawsTablesAndForeignKeys(DiagramFormat format, string expectedEdge)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);

        var text = Encoding.UTF8.GetString(await Diagram(database).RenderAsync(format, CancellationToken.None));

        Assert.Contains(expectedEdge, text, StringComparison.Ordinal);
        Assert.All(Catalogue.FlexMeasuresTables, table => Assert.Contains(table, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RenderAsync_MakesAnSvgWithGraphviz()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var svg = Encoding.UTF8.GetString(await Diagram(database).RenderAsync(DiagramFormat.Svg, CancellationToken.None));

        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("timed_belief", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExternalProgram_NamesTheDebianPackage_WhenTheProgramIsMissing()
    {
        var error = await Assert.ThrowsAsync<ExternalProgramMissingException>(() => ExternalProgram.RunAsync(
            "fm-no-such-program", [], null, null, "graphviz", CancellationToken.None));

        Assert.Equal("'fm-no-such-program' was not found on PATH. Install it with the Debian package graphviz (apt-get install graphviz).", error.Message);
    }

    private static DataModelDiagram Diagram(TestDatabase database) => database.Services.GetRequiredService<DataModelDiagram>();
}
