using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Tests.Assets;

public sealed class SensorsToShowTests
{
    public static TheoryData<string, string> Settings() => new()
    {
        { "[]", "" },
        { "", "" },
        { "[40, 35]", "-:40|-:35" },
        { "[40, [42, 44], 43]", "-:40|-:42,44|-:43" },
        { """[{"title": "Power", "sensors": [1, 2]}, 3]""", "Power:1,2|-:3" },
        { """[{"title": "Prices", "sensor": 7}]""", "Prices:7" },
        { """[{"sensors": [1]}]""", "-:1" },
        { """[{"title": "Test", "plots": [{"sensor": 1}, {"sensors": [2, 3]}]}]""", "Test:1,2,3" },
        { """[{"title": "SoC", "y-axis": "data", "plots": [{"sensor": 5}, {"asset": 10, "flex-model": "soc-min"}]}]""", "SoC:5" },
        { """[{"title": null, "sensors": [4]}]""", "-:4" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Parse_GivesTheGroupsInOrder_ForEveryFormFlexMeasuresTakes(string setting, string expected)
    {
        var groups = SensorsToShow.Parse(setting);

        Assert.Equal(expected, string.Join("|", groups.Select(g => $"{g.Title ?? "-"}:{string.Join(",", g.SensorIds)}")));
    }

    [Theory]
    [InlineData("{\"sensors\": [1]}")]
    [InlineData("[1, \"2\"]")]
    [InlineData("[[1, 2.5]]")]
    [InlineData("[{\"title\": 3, \"sensor\": 1}]")]
    [InlineData("[{\"title\": \"x\"}]")]
    [InlineData("[{\"sensors\": 4}]")]
    [InlineData("[{\"plots\": [{\"what\": 1}]}]")]
    [InlineData("[true]")]
    [InlineData("[1,")]
    public void Parse_ThrowsNamingTheSetting_WhenItIsNotAFormFlexMeasuresTakes(string setting)
    {
        var error = Assert.Throws<InvalidInputException>(() => SensorsToShow.Parse(setting));

        Assert.Equal("sensors_to_show", error.Field);
        Assert.StartsWith("sensors_to_show ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_IsOneChartPerUnit_InTheOrderOfTheSensorIds()
    {
        Sensor[] sensors =
        [
            new() { Id = 9, Name = "price", Unit = "EUR/MWh" },
            new() { Id = 3, Name = "solar", Unit = "kW" },
            new() { Id = 5, Name = "battery", Unit = "kW" },
            new() { Id = 4, Name = "temperature", Unit = "°C" },
        ];

        var groups = SensorsToShow.Default(sensors);

        Assert.Equal("3,5|4|9", string.Join("|", groups.Select(g => string.Join(",", g.SensorIds))));
        Assert.All(groups, g => Assert.Null(g.Title));
    }
}
