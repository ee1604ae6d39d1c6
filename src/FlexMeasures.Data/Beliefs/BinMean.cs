namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// The mean of the values that fall in one bin, missing values (NaN) left out: how a finer series is brought to a
/// coarser resolution, when reading (<see cref="Resampler"/>) and when taking data in (<see cref="BeliefIntake"/>).
/// </summary>
internal struct BinMean
{
    private double _sum;
    private int _count;

    public void Add(double value)
    {
        if (!double.IsNaN(value))
        {
            _sum += value;
            _count++;
        }
    }

    /// <summary>Null when the bin holds no value.</summary>
    public readonly double? Value => _count == 0 ? null : _sum / _count;
}
