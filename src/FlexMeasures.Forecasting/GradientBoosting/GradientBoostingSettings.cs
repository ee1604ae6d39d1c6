using System.Globalization;

namespace FlexMeasures.Forecasting.GradientBoosting;

/// <summary>LightGBM parameters of the <c>lightgbm</c> model; part of its version (a change changes forecasts).</summary>
/// <remarks>
/// FlexMeasures' pipeline (Darts' LightGBMModel) uses <c>max_depth 3</c>, <c>min_child_samples 50</c> and
/// <c>random_state 42</c>; we keep the seed and the large leaves, allow deeper trees with more rounds at a lower
/// learning rate, and add what makes the result reproducible: one thread, <c>deterministic</c>,
/// <c>force_row_wise</c> (no timing-dependent choice between histogram layouts).
/// </remarks>
internal sealed record GradientBoostingSettings(
    int Iterations = 200,
    double LearningRate = 0.05,
    int Leaves = 31,
    int MaxDepth = 6,
    int MinimumLeafSize = 50,
    int Seed = 42)
{
    public string Parameters() => string.Create(
        CultureInfo.InvariantCulture,
        $"objective=regression learning_rate={LearningRate} num_leaves={Leaves} max_depth={MaxDepth} min_data_in_leaf={MinimumLeafSize} " +
        $"seed={Seed} num_threads=1 deterministic=true force_row_wise=true verbosity=-1 max_bin=255 feature_pre_filter=false");
}
