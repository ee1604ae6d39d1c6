using System.ComponentModel.DataAnnotations;

namespace FlexMeasures.Data.Time;

/// <summary>Configuration section <c>FlexMeasures</c>: how the command line shows instants.</summary>
public sealed class DisplayOptions : IValidatableObject
{
    public const string SectionName = "FlexMeasures";

    /// <summary>
    /// IANA zone in which the command line's tables and CSV exports show instants (<c>FLEXMEASURES_TIMEZONE</c>);
    /// UTC by default. Stored data and the API are always UTC or explicit offsets, whatever this says.
    /// </summary>
    public string Timezone { get; set; } = "UTC";

    /// <summary>The zone <see cref="Timezone"/> names (valid once the options were validated).</summary>
    public TimeZoneInfo Zone => ZonedTime.Find(Timezone) ?? TimeZoneInfo.Utc;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ZonedTime.Find(Timezone) is null)
        {
            var message = "";
            try
            {
                TimeZones.Find(Timezone);
            }
            catch (Validation.InvalidInputException e)
            {
                message = e.Message.Replace($"'{Timezone}' ", "", StringComparison.Ordinal);
            }

            yield return new ValidationResult(message, [nameof(Timezone)]);
        }
    }
}
