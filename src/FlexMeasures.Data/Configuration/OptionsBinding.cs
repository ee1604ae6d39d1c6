using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using FlexMeasures.Data.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Data.Configuration;

/// <summary>
/// Reads one configuration section into its options class and checks it, so a bad value stops the program at
/// start with a message naming the environment variable (<c>SECURITY_TOKEN_MAX_AGE</c>, <c>Jobs__WorkerCount</c>)
/// instead of failing later, on first use, with a stack trace.
/// </summary>
/// <remarks>
/// Each value must convert to its property's type; then the class's data annotations (<see cref="RangeAttribute"/>,
/// …) and <see cref="IValidatableObject"/> rules must hold. Error messages of those rules say what is wrong
/// ("must be at least 1"); the variable's name is put in front here.
/// </remarks>
public static class OptionsBinding
{
    /// <summary>Binds and checks section <paramref name="sectionName"/>.</summary>
    /// <exception cref="ConfigurationException">A value does not convert or breaks a rule; the message names its variable.</exception>
    public static T Bind<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T>(IConfiguration configuration, string sectionName)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(sectionName);
        foreach (var property in typeof(T).GetProperties().Where(p => p.CanWrite))
        {
            if (section[property.Name] is not { } text)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!Converts(text, type))
            {
                throw new ConfigurationException(FlexMeasuresConfiguration.VariableFor($"{sectionName}:{property.Name}"), $"'{text}' is not {Describe(type)}");
            }
        }

        var options = section.Get<T>() ?? new T();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var first = results[0];
            var member = first.MemberNames.FirstOrDefault() ?? "";
            var shown = section[member] is { } value ? $"'{value}' " : "";
            throw new ConfigurationException(FlexMeasuresConfiguration.VariableFor($"{sectionName}:{member}"), shown + first.ErrorMessage);
        }

        return options;
    }

    /// <summary>
    /// Checks section <paramref name="sectionName"/> now and registers it as <c>IOptions&lt;T&gt;</c>: the one way
    /// every options class joins a host.
    /// </summary>
    /// <exception cref="ConfigurationException">A value does not convert or breaks a rule; the message names its variable.</exception>
    public static IServiceCollection AddValidatedOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T>(
        this IServiceCollection services,
        IConfiguration configuration,
        string sectionName)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Bind<T>(configuration, sectionName);
        services.Configure<T>(configuration.GetSection(sectionName));
        return services;
    }

    private static bool Converts(string text, Type type)
    {
        if (type == typeof(string))
        {
            return true;
        }

        try
        {
            return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text) is not null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException
            || e.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type) =>
        type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(bool) ? "true or false"
        : type == typeof(TimeSpan) ? "a duration like 00:00:30 (hh:mm:ss)"
        : type == typeof(double) ? "a number"
        : type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type))}"
        : string.Create(CultureInfo.InvariantCulture, $"a {type.Name}");
}
