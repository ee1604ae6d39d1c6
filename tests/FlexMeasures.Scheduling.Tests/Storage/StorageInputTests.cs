using FlexMeasures.Scheduling.Storage;
using static FlexMeasures.Scheduling.Tests.FlexMeasuresTestData;
using static FlexMeasures.Scheduling.Tests.Storage.Problems;

namespace FlexMeasures.Scheduling.Tests.Storage;

public sealed class StorageInputTests
{
    private static readonly TimeGrid Grid = Day(2, Hour);

    public static TheoryData<StorageDevice, string> BadDevices => new()
    {
        { Battery(24, 1) with { PowerCapacityMw = Constant(24, -1) }, "Devices[0].PowerCapacityMw[0]" },
        { Battery(24, 1) with { PowerCapacityMw = Constant(23, 1) }, "Devices[0].PowerCapacityMw has 23 values" },
        { Battery(24, 1) with { SocMin = 3, SocMax = 2 }, "Devices[0].SocMin (3 MWh) is above Devices[0].SocMax (2 MWh)" },
        { Battery(24, 1) with { ChargingEfficiency = Constant(24, 0) }, "Devices[0].ChargingEfficiency[0]" },
        { Battery(24, 1) with { StorageEfficiency = Constant(24, 1.1) }, "Devices[0].StorageEfficiency[0]" },
        { Battery(24, 1) with { SocTargets = Nulls(12) }, "Devices[0].SocTargets has 12 values" },
        { new StorageDevice("pv", Constant(24, 1), SocTargets: Nulls(24)), "Devices[0] has SoC minima, maxima or targets but no SocAtStart" },
    };

    [Theory]
    [MemberData(nameof(BadDevices))]
    public void Schedule_ThrowsNamingField_WhenDeviceInvalid(StorageDevice device, string expected)
    {
        var problem = new StorageProblem(Grid, [device], new SiteContext(Day2Prices));

        var exception = Assert.Throws<ArgumentException>(() => StorageScheduler.Schedule(problem));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_ThrowsNamingField_WhenBreachPriceNegative()
    {
        var problem = new StorageProblem(Grid, [Battery(24, 1)], new SiteContext(Day2Prices, Breach: new BreachPrices(SocMinima: [.. Enumerable.Repeat(1000.0, 23), -1])));

        var exception = Assert.Throws<ArgumentException>(() => StorageScheduler.Schedule(problem));

        Assert.Contains("Site.Breach.SocMinima", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_ThrowsNamingField_WhenNoDevices()
    {
        var exception = Assert.Throws<ArgumentException>(() => StorageScheduler.Schedule(new StorageProblem(Grid, [], new SiteContext(Day2Prices))));

        Assert.Contains("Devices", exception.Message, StringComparison.Ordinal);
    }
}
