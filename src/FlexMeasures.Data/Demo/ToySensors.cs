namespace FlexMeasures.Data.Demo;

/// <summary>The ids of the toy account's sensors.</summary>
public sealed record ToySensors(int Consumption, int Production, int Battery, int Prices, int Temperature, int Irradiance, int BatteryAsset);
