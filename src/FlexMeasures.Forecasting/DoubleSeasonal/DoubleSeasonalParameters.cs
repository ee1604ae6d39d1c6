namespace FlexMeasures.Forecasting.DoubleSeasonal;

/// <summary>Parameters of the double-seasonal model (see <see cref="DoubleSeasonalFilter"/>), each in (0, 1).</summary>
/// <param name="Alpha">Level gain.</param>
/// <param name="Delta">Daily seasonal gain.</param>
/// <param name="Omega">Weekly seasonal gain.</param>
/// <param name="Phi">Autocorrelation of the error per step; its correction decays as φ^k.</param>
/// <param name="Kappa">Error-state gain.</param>
/// <param name="Rho">Damping of the level towards its slow mean per step (1 = no damping).</param>
public sealed record DoubleSeasonalParameters(double Alpha, double Delta, double Omega, double Phi, double Kappa, double Rho)
{
    /// <summary>Where the fit starts; also used when fitting fails.</summary>
    public static DoubleSeasonalParameters Initial { get; } = new(0.05, 0.05, 0.05, 0.8, 0.8, 0.99);
}
