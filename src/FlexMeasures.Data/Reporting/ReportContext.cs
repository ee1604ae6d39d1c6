using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Sensors;

namespace FlexMeasures.Data.Reporting;

/// <summary>What a reporter computes with: the checked parameters, their sensors (loaded once) and a way to read inputs.</summary>
/// <param name="BeliefTime">UTC: inputs as known then.</param>
public sealed record ReportContext(ReportParameters Parameters, IReadOnlyDictionary<int, Sensor> Sensors, DateTime BeliefTime, ReportInputs Reader)
{
    public Sensor SensorOf(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Sensors[input.SensorId];
    }

    public Sensor SensorOf(ReportOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Sensors[output.SensorId];
    }

    /// <summary>The input's series over the report's window at <paramref name="resolution"/>, in <paramref name="unit"/>.</summary>
    /// <param name="field">Where the input was given, for messages (e.g. <c>parameters.input[1]</c>).</param>
    public Task<SensorSeries> ReadAsync(ReportInput input, TimeSpan resolution, string unit, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Reader.ReadAsync(SensorOf(input), input.SourceIds, anySource: false, Parameters.Start, Parameters.End, resolution, unit, BeliefTime, field, cancellationToken);
    }

    /// <summary>A series the config names (e.g. prices), from whichever source the belief rules pick per event.</summary>
    public Task<SensorSeries> ReadAnySourceAsync(Sensor sensor, TimeSpan resolution, string unit, string field, CancellationToken cancellationToken) =>
        Reader.ReadAsync(sensor, [], anySource: true, Parameters.Start, Parameters.End, resolution, unit, BeliefTime, field, cancellationToken);

    /// <summary>
    /// The one output sensor of a reporter that writes one series, and the resolution its inputs are read at: the
    /// parameters' resolution, else the output sensor's; the result must have the output sensor's resolution.
    /// </summary>
    /// <exception cref="Validation.InvalidInputException">Not exactly one output, or a resolution that does not fit it.</exception>
    public (Sensor Output, TimeSpan Resolution) SingleOutput(string reporter, bool resolutionMayDiffer)
    {
        if (Parameters.Outputs.Count != 1)
        {
            throw new Validation.InvalidInputException("parameters.output", $"the {reporter} writes one series: give exactly one output, not {Parameters.Outputs.Count}");
        }

        var output = SensorOf(Parameters.Outputs[0]);
        var resolution = Parameters.Resolution ?? output.EventResolution;
        if (resolution <= TimeSpan.Zero)
        {
            throw new Validation.InvalidInputException("parameters.resolution", $"is required: output sensor {output.Id} is instantaneous, so it does not say which resolution to report at");
        }

        if (!resolutionMayDiffer && output.EventResolution > TimeSpan.Zero && resolution != output.EventResolution)
        {
            throw new Validation.InvalidInputException(
                "parameters.resolution",
                $"the report would have steps of {Time.IsoDuration.Format(resolution)}, but output sensor {output.Id} ({output.Name}) has a resolution of {Time.IsoDuration.Format(output.EventResolution)}");
        }

        return (output, resolution);
    }
}
