namespace FlexMeasures.Forecasting.DoubleSeasonal;

/// <summary>
/// Double-seasonal exponential smoothing after Taylor (2003) — a level, a daily and a weekly seasonal
/// state — with first-order autoregressive error correction, written as a single-source-of-error
/// state-space filter and additive (the model applies it to logarithms for multiplicative seasonality).
/// With <c>s1</c> steps a day and <c>s2</c> a week, each step:
/// <code>
/// p_t  = m_{t−1} + ρ (l_{t−1} − m_{t−1})                  level, damped towards its slow mean
/// ε_t  = y_t − (p_t + d_{t−s1} + w_{t−s2} + φ n_{t−1})     one-step innovation
/// l_t  = p_t + α ε_t
/// d_t  = d_{t−s1} + δ ε_t
/// w_t  = w_{t−s2} + ω ε_t
/// n_t  = φ n_{t−1} + κ ε_t                                  autocorrelated error
/// m_t  = m_{t−1} + (l_t − m_{t−1}) / s2                     slow mean of the level (one-week memory)
/// ŷ_{t+k|t} = m_t + ρ^k (l_t − m_t) + d_{t+k−s1·⌈k/s1⌉} + w_{t+k−s2·⌈k/s2⌉} + φ^k n_t
/// </code>
/// With ρ = 1 and κ = 1 − α this is Taylor's method with its AR(1) adjustment. Every state is kept
/// per step, so after one pass the forecast from any origin can be read off: the state at origin
/// <c>c</c> depends only on values up to <c>c</c>. A gap leaves the seasonal states as they were and
/// lets level and error follow their forecasts.
/// </summary>
internal sealed class DoubleSeasonalFilter
{
    private readonly double[] _values;
    private readonly int _day;
    private readonly int _week;
    private readonly double _initialLevel;
    private readonly double[] _level;
    private readonly double[] _error;
    private readonly double[] _mean;

    // Seasonal states at position t + week: the first week holds the initial (pre-sample) values.
    private readonly double[] _daily;
    private readonly double[] _weekly;

    private double _phi;
    private double _rho;

    /// <param name="values">The series from the filter's first step on; NaN for gaps.</param>
    /// <param name="initialLength">The leading values used to set the initial level and seasonal states.</param>
    public DoubleSeasonalFilter(double[] values, int day, int week, int initialLength)
    {
        _values = values;
        _day = day;
        _week = week;
        _level = new double[values.Length];
        _error = new double[values.Length];
        _mean = new double[values.Length];
        _daily = new double[week + values.Length];
        _weekly = new double[week + values.Length];

        _initialLevel = MeanResidual(0, initialLength, 1, _ => 0);
        for (var q = 0; q < day; q++)
        {
            var seasonal = MeanResidual(q, initialLength, day, _ => _initialLevel);
            for (var p = q; p < week; p += day)
            {
                _daily[p] = double.IsNaN(seasonal) ? 0 : seasonal;
            }
        }

        for (var p = 0; p < week; p++)
        {
            var seasonal = MeanResidual(p, initialLength, week, t => _initialLevel + _daily[t % week]);
            _weekly[p] = double.IsNaN(seasonal) ? 0 : seasonal;
        }
    }

    /// <summary>Runs the filter over the first <paramref name="length"/> values.</summary>
    public void Run(DoubleSeasonalParameters parameters, int length)
    {
        var alpha = parameters.Alpha;
        var delta = parameters.Delta;
        var omega = parameters.Omega;
        var kappa = parameters.Kappa;
        var rho = parameters.Rho;
        _phi = parameters.Phi;
        _rho = rho;

        var mu = 1.0 / _week;
        var level = _initialLevel;
        var mean = _initialLevel;
        var error = 0.0;
        for (var t = 0; t < length; t++)
        {
            var position = t + _week;
            var daily = _daily[position - _day];
            var weekly = _weekly[position - _week];
            var y = _values[t];
            error *= _phi;
            level = mean + (rho * (level - mean));
            if (double.IsNaN(y))
            {
                _daily[position] = daily;
                _weekly[position] = weekly;
            }
            else
            {
                var innovation = y - (level + daily + weekly + error);
                level += alpha * innovation;
                _daily[position] = daily + (delta * innovation);
                _weekly[position] = weekly + (omega * innovation);
                error += kappa * innovation;
            }

            mean += mu * (level - mean);
            _level[t] = level;
            _mean[t] = mean;
            _error[t] = error;
        }
    }

    /// <summary>The forecast of step <paramref name="target"/> made at origin <paramref name="origin"/> (after <see cref="Run"/> reached it).</summary>
    public double Forecast(int origin, int target, double phiPower, double rhoPower)
    {
        var steps = target - origin;
        var position = target + _week;
        var daily = _daily[position - (_day * CeilingDivide(steps, _day))];
        var weekly = _weekly[position - (_week * CeilingDivide(steps, _week))];
        var level = _mean[origin] + (rhoPower * (_level[origin] - _mean[origin]));
        return level + daily + weekly + (phiPower * _error[origin]);
    }

    /// <summary>Sum of squared <paramref name="steps"/>-ahead errors for targets in <c>[from, length)</c>.</summary>
    public double SquaredErrors(int steps, int from, int length)
    {
        var phiPower = Math.Pow(_phi, steps);
        var rhoPower = Math.Pow(_rho, steps);
        var sum = 0.0;
        for (var target = Math.Max(from, steps); target < length; target++)
        {
            var y = _values[target];
            if (!double.IsNaN(y))
            {
                var error = y - Forecast(target - steps, target, phiPower, rhoPower);
                sum += error * error;
            }
        }

        return sum;
    }

    private static int CeilingDivide(int a, int b) => (a + b - 1) / b;

    /// <summary>Mean of <c>value − expected</c> over every <paramref name="stride"/>-th known value; NaN when none is known.</summary>
    private double MeanResidual(int first, int end, int stride, Func<int, double> expected)
    {
        var sum = 0.0;
        var count = 0;
        for (var t = first; t < end; t += stride)
        {
            if (!double.IsNaN(_values[t]))
            {
                sum += _values[t] - expected(t);
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }
}
