using System.Globalization;

namespace FlexMeasures.Forecasting.GradientBoosting;

/// <summary>
/// A LightGBM regression model trained in this process: deterministic (one thread, fixed seed, LightGBM's
/// <c>deterministic</c> and row-wise histogram flags), so the same rows give the same bits.
/// </summary>
internal sealed class GradientBoostedTrees : IDisposable
{
    private IntPtr booster;

    private GradientBoostedTrees(IntPtr booster, int columns)
    {
        this.booster = booster;
        Columns = columns;
    }

    public int Columns { get; }

    /// <summary>Trains on row-major <paramref name="features"/> (NaN = missing) and one label per row.</summary>
    public static GradientBoostedTrees Train(double[] features, float[] labels, int columns, GradientBoostingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(settings);
        var rows = labels.Length;
        if (features.Length != rows * columns)
        {
            throw new ArgumentException($"{features.Length} feature values do not make {rows} rows of {columns}.", nameof(features));
        }

        var parameters = settings.Parameters();
        LightGbmNative.Check(LightGbmNative.DatasetCreateFromMat(features, LightGbmNative.Float64, rows, columns, 1, parameters, IntPtr.Zero, out var dataset), "DatasetCreateFromMat");
        try
        {
            LightGbmNative.Check(LightGbmNative.DatasetSetField(dataset, "label", labels, rows, LightGbmNative.Float32), "DatasetSetField");
            LightGbmNative.Check(LightGbmNative.BoosterCreate(dataset, parameters, out var booster), "BoosterCreate");
            var model = new GradientBoostedTrees(booster, columns);
            try
            {
                for (var i = 0; i < settings.Iterations; i++)
                {
                    LightGbmNative.Check(LightGbmNative.BoosterUpdateOneIter(booster, out var finished), "BoosterUpdateOneIter");
                    if (finished != 0)
                    {
                        break;
                    }
                }
            }
            catch
            {
                model.Dispose();
                throw;
            }

            return model;
        }
        finally
        {
            LightGbmNative.Check(LightGbmNative.DatasetFree(dataset), "DatasetFree");
        }
    }

    /// <summary>One prediction per row of row-major <paramref name="features"/>.</summary>
    public double[] Predict(double[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        ObjectDisposedException.ThrowIf(booster == IntPtr.Zero, this);
        var rows = features.Length / Columns;
        var result = new double[rows];
        if (rows == 0)
        {
            return result;
        }

        LightGbmNative.Check(
            LightGbmNative.BoosterPredictForMat(booster, features, LightGbmNative.Float64, rows, Columns, 1, LightGbmNative.PredictNormal, 0, -1, "num_threads=1", out var length, result),
            "BoosterPredictForMat");
        return length == rows ? result : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"LightGBM returned {length} predictions for {rows} rows."));
    }

    public void Dispose()
    {
        if (booster != IntPtr.Zero)
        {
            _ = LightGbmNative.BoosterFree(booster);
            booster = IntPtr.Zero;
        }
    }
}
