using System.Runtime.InteropServices;

namespace FlexMeasures.Forecasting.GradientBoosting;

/// <summary>
/// The few functions of LightGBM's C API (<c>c_api.h</c>) that training and prediction need. The native library
/// ships inside the <c>LightGBM</c> NuGet package (runtimes/&lt;rid&gt;/native/lib_lightgbm.so), so nothing is
/// downloaded at run time.
/// </summary>
internal static partial class LightGbmNative
{
    private const string Library = "lib_lightgbm";

    /// <summary><c>C_API_DTYPE_FLOAT32</c>.</summary>
    public const int Float32 = 0;

    /// <summary><c>C_API_DTYPE_FLOAT64</c>.</summary>
    public const int Float64 = 1;

    /// <summary><c>C_API_PREDICT_NORMAL</c>.</summary>
    public const int PredictNormal = 0;

    [LibraryImport(Library, EntryPoint = "LGBM_GetLastError")]
    private static partial IntPtr GetLastError();

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetCreateFromMat", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int DatasetCreateFromMat(double[] data, int dataType, int rows, int columns, int isRowMajor, string parameters, IntPtr reference, out IntPtr dataset);

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetSetField", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int DatasetSetField(IntPtr dataset, string field, float[] data, int count, int dataType);

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetFree")]
    public static partial int DatasetFree(IntPtr dataset);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterCreate", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BoosterCreate(IntPtr dataset, string parameters, out IntPtr booster);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterUpdateOneIter")]
    public static partial int BoosterUpdateOneIter(IntPtr booster, out int isFinished);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterPredictForMat", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BoosterPredictForMat(
        IntPtr booster, double[] data, int dataType, int rows, int columns, int isRowMajor, int predictType,
        int startIteration, int iterations, string parameters, out long resultLength, [Out] double[] result);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterFree")]
    public static partial int BoosterFree(IntPtr booster);

    /// <summary>Throws with LightGBM's own message when a call returned non-zero.</summary>
    public static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"LightGBM {call} failed: {Marshal.PtrToStringUTF8(GetLastError())}");
        }
    }
}
