using System.Reflection;

namespace FlexMeasures.Api.Hosting;

/// <summary>Which FlexMeasures API we speak, and which build of ours answers.</summary>
internal static class ApiVersions
{
    /// <summary>
    /// The FlexMeasures release whose REST API v3 this implementation matches. Clients compare it to decide which
    /// features to use, so it is a plain major.minor.patch.
    /// </summary>
    public const string FlexMeasures = "0.30.0";

    /// <summary>Header carrying <see cref="FlexMeasures"/> on every /api response.</summary>
    public const string FlexMeasuresHeader = "FlexMeasures-Version";

    /// <summary>Header carrying our own version.</summary>
    public const string DotnetHeader = "FlexMeasures-Dotnet-Version";

    public static string Dotnet { get; } =
        typeof(ApiVersions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
