using FlexMeasures.Scheduling.Storage;

namespace FlexMeasures.Scheduling.Tests.Storage;

/// <summary>Builders for the FlexMeasures test fixtures' devices and sites.</summary>
internal static class Problems
{
    internal static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    internal static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    internal static TimeGrid Day(int day, TimeSpan resolution) =>
        new(FlexMeasuresTestData.AmsterdamMidnight(day), resolution, (int)(TimeSpan.FromDays(1) / resolution));

    internal static double[] Constant(int n, double value) => FlexMeasuresTestData.Repeat(value, n);

    /// <summary>FlexMeasures' "Test battery": 2 MW (its site-power-capacity), soc 0–5 MWh.</summary>
    internal static StorageDevice Battery(int n, double socAtStart, double socMin = 0, double socMax = 5, double capacityMw = 2) =>
        new("battery", Constant(n, capacityMw), SocAtStart: socAtStart, SocMin: socMin, SocMax: socMax);

    internal static double?[] At(int n, params (int Step, double Value)[] values)
    {
        var result = new double?[n];
        foreach (var (step, value) in values)
        {
            result[step] = value;
        }

        return result;
    }

    internal static double[] RoundtripHalf(int n, double roundtrip) => Constant(n, Math.Sqrt(roundtrip));
}
