using FlexMeasures.Benchmarks;

// Helpers for scripts/bench.sh: make the input files, and time searches in-process.
return args switch
{
    ["generate", var folder, var sensors, var events] => await Generate.RunAsync(folder, int.Parse(sensors, System.Globalization.CultureInfo.InvariantCulture), int.Parse(events, System.Globalization.CultureInfo.InvariantCulture)),
    ["search", var sensor, var runs] => await SearchBenchmark.RunAsync(int.Parse(sensor, System.Globalization.CultureInfo.InvariantCulture), int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture)),
    ["load", var server, var email, var password, var sensor, var clients, var seconds] => await LoadTest.RunAsync(
        new Uri(server), email, password, int.Parse(sensor, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(clients, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture))),
    ["schedule", var runs] => SchedulingBenchmark.Run(int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture), [1, 5, 10, 25, 50], [1, 2, 7]),
    ["schedule", var runs, var devices, var days] => SchedulingBenchmark.Run(
        int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture),
        devices.Split(',').Select(d => int.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        days.Split(',').Select(d => int.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToArray()),
    ["prices", var file] => await SchedulingBenchmark.WritePricesAsync(file, 2),
    ["prices", var file, var days] => await SchedulingBenchmark.WritePricesAsync(file, int.Parse(days, System.Globalization.CultureInfo.InvariantCulture)),
    ["schedule-job", var runs, var sensor, var start, var flexModel, var flexContext] => await ScheduleJobBenchmark.RunAsync(
        int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture), int.Parse(sensor, System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), flexModel, flexContext),
    ["scale-csv", var folder, var first, var last, var start, var days] => await ScaleBenchmark.WriteCsvAsync(folder, Int(first), Int(last), Utc(start), Int(days)),
    ["scale-import", var folder, var first, var last, var source, var warmUp, var warmUpFirst, var warmUpLast] => await ScaleBenchmark.ImportAsync(
        folder, Int(first), Int(last), source, warmUp, (Int(warmUpFirst), Int(warmUpLast))),
    ["scale-read", var label, var sensors, var start, var days, var prior, var runs] => await ScaleBenchmark.ReadAsync(
        label, [.. sensors.Split(',').Select(Int)], Utc(start), Int(days), prior == "-" ? null : Utc(prior), Int(runs)),
    ["scale-get", var server, var email, var password, var sensor, var start, var days, var clients, var seconds] => await ScaleBenchmark.GetLoadAsync(
        new Uri(server), email, password, Int(sensor), Utc(start), Int(days), Int(clients), Int(seconds)),
    ["chart", var server, var email, var password, var asset, var start, var days, var runs] => await ChartBenchmark.RunAsync(
        new Uri(server), email, password, Int(asset), Utc(start), Int(days), Int(runs)),
    _ => Usage(),
};

static int Int(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

static DateTime Utc(string text) => DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

static int Usage()
{
    Console.Error.WriteLine("usage: generate FOLDER SENSORS EVENTS | search SENSOR_ID RUNS (database from FLEXMEASURES_DATABASE_URL) | load URL EMAIL PASSWORD FIRST_SENSOR CLIENTS SECONDS | schedule RUNS [DEVICES,… DAYS,…] | prices CSV_FILE [DAYS] | schedule-job RUNS POWER_SENSOR START FLEX_MODEL FLEX_CONTEXT | scale-csv FOLDER FIRST LAST START DAYS | scale-import FOLDER FIRST LAST SOURCE WARM_UP_FOLDER WARM_UP_FIRST WARM_UP_LAST | scale-read LABEL SENSOR[,…] START DAYS PRIOR|- RUNS | scale-get URL EMAIL PASSWORD SENSOR START DAYS CLIENTS SECONDS (database from FLEXMEASURES_DATABASE_URL) | chart URL EMAIL PASSWORD ASSET START DAYS RUNS");
    return 2;
}
