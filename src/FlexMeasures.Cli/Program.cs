using FlexMeasures.Cli;
using FlexMeasures.Data.Configuration;

return await CliApp.RunAsync(
    args,
    new CliContext(FlexMeasuresConfiguration.FromEnvironment(), Console.Out, Console.Error, Console.In, !Console.IsInputRedirected));
