using System.Globalization;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Tests.Beliefs;

/// <summary>The intake as a pure function: values with their timing in, beliefs in the sensor's unit and resolution out.</summary>
public sealed class BeliefIntakeTests
{
    private static readonly DateTime ReceivedAt = new(2021, 6, 10, 12, 0, 0, DateTimeKind.Utc);

    private static DateTime Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime;

    private static DateTimeOffset Aware(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static Sensor Gas(string unit = "m³/h", int minutes = 10, string attributes = "{}", string timezone = "Europe/Amsterdam") => new()
    {
        Name = "gas",
        Unit = unit,
        EventResolution = TimeSpan.FromMinutes(minutes),
        Attributes = attributes,
        Timezone = timezone,
    };

    private static BeliefTiming Measured => new(ReceivedAt, Horizon: TimeSpan.Zero);

    private static double?[] Values(params double[] values) => [.. values.Select(v => double.IsNaN(v) ? (double?)null : v)];

    private static async IAsyncEnumerable<IncomingRow> Stream(IEnumerable<IncomingRow> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static async Task<List<NewBelief>> RowsAsync(BeliefIntake intake, IEnumerable<IncomingRow> rows, bool resample = true)
    {
        var beliefs = new List<NewBelief>();
        await foreach (var belief in intake.FromRowsAsync(Stream(rows), resample, 0.5, CancellationToken.None))
        {
            beliefs.Add(belief);
        }

        return beliefs;
    }

    private static IEnumerable<IncomingRow> Rows(string start, int minutes, params double[] values) =>
        values.Select((v, i) => new IncomingRow(i + 2, Utc(start) + (TimeSpan.FromMinutes(minutes) * i), v));

    public static TheoryData<int, double[], string, string, double[], string> Resampled() => new()
    {
        // 20-minute values on a 10-minute sensor: each repeated.
        { 3, [1, 2, 3], "2021-06-07T00:00:00+02:00", "PT1H", [1, 1, 2, 2, 3, 3], "2021-06-06T22:00:00Z" },

        // SEMANTICS.md: 12 values over an hour from 00:04:40, floored to 00:00 and averaged per 10 minutes.
        { 12, [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200], "2021-06-09T00:04:40+02:00", "PT1H", [150, 350, 550, 750, 950, 1150], "2021-06-08T22:00:00Z" },

        // Missing values are left out of a mean; a step with none has no value.
        { 4, [double.NaN, double.NaN, 3, 5], "2021-06-07T00:00:00+02:00", "PT20M", [double.NaN, 4], "2021-06-06T22:00:00Z" },

        // A repeated missing value stays missing.
        { 2, [7, double.NaN], "2021-06-07T00:00:00+02:00", "PT40M", [7, 7, double.NaN, double.NaN], "2021-06-06T22:00:00Z" },

        // Values at the sensor's resolution are taken one for one.
        { 6, [1, 2, 3, 4, 5, 6], "2021-06-07T00:00:00+02:00", "PT1H", [1, 2, 3, 4, 5, 6], "2021-06-06T22:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Resampled))]
    public void FromBlock_BringsValuesToTheSensorResolution_WhenTheyAreCoarserOrFiner(int count, double[] values, string start, string duration, double[] expected, string first)
    {
        Assert.Equal(count, values.Length);
        var intake = new BeliefIntake(Gas(), null, Measured);

        var result = intake.FromBlock(Values(values), Aware(start), System.Xml.XmlConvert.ToTimeSpan(duration));

        Assert.False(result.IsRefused);
        Assert.Equal(expected, result.Beliefs.Select(b => b.Value));
        Assert.Equal(
            expected.Select((_, i) => Utc(first) + TimeSpan.FromMinutes(10 * i)),
            result.Beliefs.Select(b => b.EventStart));
    }

    public static TheoryData<string, int, string, string, int, string, double, double> Converted() => new()
    {
        { "m³/h", 10, "{}", "m³", 6, "PT1H", -11.28, -67.68 },
        { "m³/h", 10, "{}", "l/h", 6, "PT1H", -11.28, -0.01128 },
        { "MW", 15, "{}", "kW", 4, "PT1H", 1500, 1.5 },
        { "K", 15, "{}", "°C", 4, "PT1H", 20, 293.15 },

        // A percentage of the sensor's capacity.
        { "MW", 15, """{"capacity_in_mw": 2}""", "%", 4, "PT1H", 50, 1 },
        { "MWh", 15, """{"capacity_in_mwh": 0.05}""", "%", 4, "PT1H", 10, 0.005 },

        // Stock to flow at the values' own duration, before they are averaged: 1 kWh per 5 minutes is 12 kW.
        { "kW", 15, "{}", "kWh", 3, "PT15M", 1, 12 },

        // Upsampled first, then converted at the sensor's resolution (FlexMeasures' order): 10 kWh as each 15 minutes' 40 kW.
        { "kW", 15, "{}", "kWh", 1, "PT30M", 10, 40 },
    };

    [Theory]
    [MemberData(nameof(Converted))]
    public void FromBlock_ConvertsToTheSensorUnit_AtTheResolutionTheValuesAreHeldAt(
        string sensorUnit, int minutes, string attributes, string unit, int count, string duration, double value, double stored)
    {
        var intake = new BeliefIntake(Gas(sensorUnit, minutes, attributes), unit, Measured);

        var result = intake.FromBlock([.. Enumerable.Repeat<double?>(value, count)], Aware("2021-06-07T00:00:00+02:00"), System.Xml.XmlConvert.ToTimeSpan(duration));

        Assert.False(result.IsRefused, string.Join("; ", result.Refusals.Select(r => r.Message)));
        Assert.All(result.Beliefs, b => Assert.Equal(stored, b.Value, 9));
    }

    public static TheoryData<string, int, string, int, string, IntakeProblem[]> Refused() => new()
    {
        { "MW", 10, "%", 6, "PT1H", [IntakeProblem.IncompatibleUnit] },
        { "m³/h", 10, "m", 6, "PT1H", [IntakeProblem.IncompatibleUnit] },
        { "m³/h", 10, "m³/h", 4, "PT1H", [IntakeProblem.IncompatibleResolution] },
        { "m³/h", 10, "m", 4, "PT1H", [IntakeProblem.IncompatibleUnit, IntakeProblem.IncompatibleResolution] },
        { "m³/h", 10, "m³/h", 1, "PT0M", [IntakeProblem.NoResolution] },
        { "°C", 0, "°C", 2, "PT0M", [IntakeProblem.OverlappingInstants] },

        // Compatible units, but stock to flow needs a duration that one instantaneous value does not have.
        { "kW", 0, "kWh", 1, "PT0M", [IntakeProblem.UnconvertibleUnit] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void FromBlock_RefusesWithEveryProblemAndNoBeliefs_WhenTheValuesDoNotFitTheSensor(string sensorUnit, int minutes, string unit, int count, string duration, IntakeProblem[] problems)
    {
        var intake = new BeliefIntake(Gas(sensorUnit, minutes), unit, Measured);

        var result = intake.FromBlock([.. Enumerable.Repeat<double?>(1, count)], Aware("2021-06-07T00:00:00+02:00"), System.Xml.XmlConvert.ToTimeSpan(duration));

        Assert.Equal(problems, result.Refusals.Select(r => r.Problem));
        Assert.Empty(result.Beliefs);
        Assert.All(result.Refusals, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
    }

    [Fact]
    public void FromBlock_NamesTheInferredResolution_WhenItIsIncompatible()
    {
        var intake = new BeliefIntake(Gas(), null, Measured);

        var refusal = Assert.Single(intake.FromBlock([1, 2, 3, 4], Aware("2021-06-07T00:00:00+02:00"), TimeSpan.FromHours(1)).Refusals);

        Assert.Equal(TimeSpan.FromMinutes(15), refusal.Resolution);
        Assert.Contains("PT15M", refusal.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, int, string, string> Floored() => new()
    {
        { "2021-06-08T00:00:40+02:00", 10, "{}", "2021-06-07T22:00:00Z" },

        // On the posted offset's wall clock: 10:20 at +05:30 floors to 10:00 there, not to a whole UTC hour.
        { "2021-06-08T10:20:00+05:30", 60, "{}", "2021-06-08T04:30:00Z" },
        { "2021-06-08T13:00:00+02:00", 24 * 60, "{}", "2021-06-07T22:00:00Z" },

        // The sensor says not to floor.
        { "2021-06-08T10:20:00+05:30", 60, """{"floor_datetimes_to_resolution": false}""", "2021-06-08T04:50:00Z" },
        { "2021-06-08T00:00:40+02:00", 10, """{"floor_datetimes_to_resolution": false}""", "2021-06-07T22:00:40Z" },
    };

    [Theory]
    [MemberData(nameof(Floored))]
    public void FromBlock_FloorsTheStart_OnThePostedOffsetsWallClockUnlessTheSensorSaysNot(string start, int minutes, string attributes, string first)
    {
        var intake = new BeliefIntake(Gas(minutes: minutes, attributes: attributes), null, Measured);

        var result = intake.FromBlock([1, 2], Aware(start), TimeSpan.FromMinutes(2 * minutes));

        Assert.Equal([Utc(first), Utc(first) + TimeSpan.FromMinutes(minutes)], result.Beliefs.Select(b => b.EventStart));
    }

    public static TheoryData<string?, string?, string> Timed() => new()
    {
        // ex_post on a 10-minute sensor: the event 00:00–00:10 is known at 00:10; belief time = knowledge time − horizon.
        { "PT1H", null, "2021-06-06T21:10:00Z" },
        { null, "2021-06-06T12:00:00+02:00", "2021-06-06T10:00:00Z" },

        // A prior wins over a horizon.
        { "PT1H", "2021-06-06T12:00:00+02:00", "2021-06-06T10:00:00Z" },

        // Neither: the belief time is when the data arrived.
        { null, null, "2021-06-10T12:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Timed))]
    public void FromBlock_TakesTheBeliefTimeFromPriorThenHorizonThenReceipt(string? horizon, string? prior, string beliefTime)
    {
        var timing = new BeliefTiming(ReceivedAt, horizon is null ? null : System.Xml.XmlConvert.ToTimeSpan(horizon), prior is null ? null : Utc(prior));
        var intake = new BeliefIntake(Gas(), null, timing);

        var belief = Assert.Single(intake.FromBlock([1], Aware("2021-06-07T00:00:00+02:00"), TimeSpan.FromMinutes(10)).Beliefs);

        Assert.Equal(Utc(beliefTime), belief.EventStart + TimeSpan.FromMinutes(10) - belief.BeliefHorizon);
    }

    public static TheoryData<int, string, string[]> Instantaneous() => new()
    {
        // One reading over zero duration, at its own instant (never floored).
        { 1, "PT0M", ["2021-06-07T00:00:40Z"] },

        // Readings spread over a duration, kept at their own instants whatever their spacing.
        { 3, "PT21M", ["2021-06-07T00:00:40Z", "2021-06-07T00:07:40Z", "2021-06-07T00:14:40Z"] },
    };

    [Theory]
    [MemberData(nameof(Instantaneous))]
    public void FromBlock_TakesReadingsAsTheyCome_WhenTheSensorIsInstantaneous(int count, string duration, string[] starts)
    {
        var intake = new BeliefIntake(Gas("°C", minutes: 0), "°C", Measured);

        var result = intake.FromBlock([.. Enumerable.Range(1, count).Select(i => (double?)i)], Aware("2021-06-07T00:00:40Z"), System.Xml.XmlConvert.ToTimeSpan(duration));

        Assert.Equal(starts.Select(Utc), result.Beliefs.Select(b => b.EventStart));
        Assert.All(result.Beliefs, b => Assert.Equal(TimeSpan.Zero, b.BeliefHorizon));
    }

    public static TheoryData<int, double[], bool, double[], int> RowsResampled() => new()
    {
        // Hourly rows on a 15-minute sensor: every row, the first too, covers its four steps.
        { 60, [1, 2], true, [1, 1, 1, 1, 2, 2, 2, 2], 15 },

        // 5-minute rows averaged per 15 minutes, missing ones left out.
        { 5, [1, 2, 3, double.NaN, 10, double.NaN], true, [2, 10], 15 },

        // Without resampling each row is an event of the sensor.
        { 5, [1, 2, 3], false, [1, 2, 3], 5 },
    };

    [Theory]
    [MemberData(nameof(RowsResampled))]
    public async Task FromRowsAsync_BringsRowsToTheSensorResolution_UnlessTold(int minutes, double[] values, bool resample, double[] expected, int stepOut)
    {
        var intake = new BeliefIntake(Gas("MW", 15), null, Measured);

        var beliefs = await RowsAsync(intake, Rows("2021-05-02T00:00:00Z", minutes, values), resample);

        Assert.Equal(expected, beliefs.Select(b => b.Value));
        Assert.Equal(expected.Select((_, i) => Utc("2021-05-02T00:00:00Z") + TimeSpan.FromMinutes(stepOut * i)), beliefs.Select(b => b.EventStart));
    }

    public static TheoryData<string, string, int, double, double> RowsConverted() => new()
    {
        { "MW", """{"capacity_in_mw": 2}""", 15, 50, 1 },
        { "kW", "{}", 5, 1, 12 },
        { "MW", "{}", 15, 1500, 1.5 },
    };

    [Theory]
    [MemberData(nameof(RowsConverted))]
    public async Task FromRowsAsync_ConvertsLikeABlock(string sensorUnit, string attributes, int minutes, double value, double stored)
    {
        var sensor = Gas(sensorUnit, 15, attributes);
        var unit = sensorUnit == "kW" ? "kWh" : attributes == "{}" ? "kW" : "%";
        var rows = Rows("2021-05-02T00:00:00Z", minutes, [.. Enumerable.Repeat(value, 60 / minutes)]);

        var fromRows = await RowsAsync(new BeliefIntake(sensor, unit, Measured), rows);
        var fromBlock = new BeliefIntake(sensor, unit, Measured).FromBlock([.. Enumerable.Repeat<double?>(value, 60 / minutes)], Aware("2021-05-02T00:00:00Z"), TimeSpan.FromHours(1));

        Assert.All(fromRows, b => Assert.Equal(stored, b.Value, 9));
        Assert.Equal(fromBlock.Beliefs, fromRows);
    }

    [Fact]
    public async Task FromRowsAsync_AveragesEachBeliefTimeApart_AndLetsARowsBeliefTimeWin()
    {
        var timing = new BeliefTiming(ReceivedAt, Prior: Utc("2021-05-01T00:00:00Z"));
        var early = Utc("2021-05-01T12:00:00Z");
        IncomingRow[] rows =
        [
            new(2, Utc("2021-05-02T00:00:00Z"), 1, early),
            new(3, Utc("2021-05-02T00:00:00Z"), 100),
            new(4, Utc("2021-05-02T00:05:00Z"), 3, early),
            new(5, Utc("2021-05-02T00:05:00Z"), 300),
        ];

        var beliefs = await RowsAsync(new BeliefIntake(Gas("MW", 15), null, timing), rows);

        var knownAt = Utc("2021-05-02T00:15:00Z");
        Assert.Equal([(2d, knownAt - early), (200d, knownAt - Utc("2021-05-01T00:00:00Z"))], beliefs.Select(b => (b.Value, b.BeliefHorizon)));
    }

    [Fact]
    public async Task FromRowsAsync_NamesTheRow_WhenRowsToResampleAreOutOfOrder()
    {
        IncomingRow[] rows = [new(2, Utc("2021-05-02T00:15:00Z"), 1), new(3, Utc("2021-05-02T00:00:00Z"), 2)];

        var refused = await Assert.ThrowsAsync<IntakeRowException>(() => RowsAsync(new BeliefIntake(Gas("MW", 15), null, Measured), rows));

        Assert.Equal(3, refused.Line);
    }

    [Fact]
    public async Task FromRowsAsync_RefusesTheUnit_WhenStockCannotBecomeFlowOnAnInstantaneousSensor()
    {
        var intake = new BeliefIntake(Gas("kW", 0), "kWh", Measured);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => RowsAsync(intake, Rows("2021-05-02T00:00:00Z", 5, 1, 2)));

        Assert.Equal("unit", refused.Field);
    }
}
