using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlexMeasures.Api.Errors;
using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Time;
using FlexMeasures.Data.Validation;
using Microsoft.AspNetCore.Http;

namespace FlexMeasures.Api.Requests;

/// <summary>
/// Reads typed fields from a JSON body or a query string, collecting every problem with marshmallow's messages
/// (FlexMeasures validates with marshmallow), then throws them together as one 422.
/// </summary>
internal sealed class FieldReader
{
    public const string Missing = "Missing data for required field.";

    private readonly JsonObject _fields;
    private readonly bool _fromText;
    private readonly Dictionary<string, List<string>> _errors = [];

    private FieldReader(JsonObject fields, string location, bool fromText)
    {
        _fields = fields;
        Location = location;
        _fromText = fromText;
    }

    /// <summary><c>json</c>, <c>query</c> or <c>path</c>.</summary>
    public string Location { get; }

    public bool HasErrors => _errors.Count > 0;

    public static FieldReader FromJson(JsonObject body) => new(body, "json", fromText: false);

    /// <summary>Query parameters; the last value of a repeated one counts.</summary>
    public static FieldReader FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var fields = new JsonObject();
        foreach (var (key, values) in query)
        {
            fields[key] = values.Count == 0 ? null : JsonValue.Create(values[^1]);
        }

        return new FieldReader(fields, "query", fromText: true);
    }

    /// <summary>Text fields of a form (files are not fields); the last value of a repeated one counts.</summary>
    /// <param name="location">How a 422 names where the fields came from (FlexMeasures' webargs location).</param>
    public static FieldReader FromForm(IFormCollection form, string location)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = new JsonObject();
        foreach (var (key, values) in form)
        {
            fields[key] = values.Count == 0 ? null : JsonValue.Create(values[^1]);
        }

        return new FieldReader(fields, location, fromText: true);
    }

    public bool Has(string name) => _fields.ContainsKey(name);

    public JsonNode? Raw(string name) => _fields[name];

    public void Fail(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
    }

    /// <exception cref="RequestValidationException">Some field was wrong.</exception>
    public void ThrowIfInvalid()
    {
        if (HasErrors)
        {
            throw new RequestValidationException(Location, _errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value));
        }
    }

    public string? String(string name, bool required = false)
    {
        if (!Present(name, required, out var node))
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        Fail(name, "Not a valid string.");
        return null;
    }

    public int? Integer(string name, bool required = false, int minimum = int.MinValue)
    {
        if (!Present(name, required, out var node))
        {
            return null;
        }

        int? result = node switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i) => i,
            JsonValue v when _fromText && v.GetValueKind() == JsonValueKind.String
                && int.TryParse(v.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => i,
            _ => null,
        };
        if (result is null)
        {
            Fail(name, "Not a valid integer.");
        }
        else if (result < minimum)
        {
            Fail(name, $"Must be greater than or equal to {minimum}.");
            return null;
        }

        return result;
    }

    public double? Number(string name, bool required = false)
    {
        if (!Present(name, required, out var node))
        {
            return null;
        }

        if (AsNumber(node) is { } number)
        {
            return number;
        }

        Fail(name, "Not a valid number.");
        return null;
    }

    /// <summary>Absent: null (leave as is); JSON null: a change to null (clear); otherwise the string.</summary>
    public Change<string?>? ClearableString(string name) =>
        !Has(name) ? null : Raw(name) is null ? new Change<string?>(null) : String(name) is { } value ? new Change<string?>(value) : null;

    /// <inheritdoc cref="ClearableString"/>
    public Change<int?>? ClearableInteger(string name) =>
        !Has(name) ? null : Raw(name) is null ? new Change<int?>(null) : Integer(name) is { } value ? new Change<int?>(value) : null;

    /// <summary>A JSON array of integers (ids), or null when absent.</summary>
    public IReadOnlyList<int>? Integers(string name)
    {
        if (!Present(name, required: false, out var node))
        {
            return null;
        }

        if (node is JsonArray array && array.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out _)))
        {
            return [.. array.Select(i => i!.GetValue<int>())];
        }

        Fail(name, node is JsonArray ? "Not a valid list of integers." : "Not a valid list.");
        return null;
    }

    /// <summary>A boolean; in a query string <c>true/false</c>, <c>True/False</c>, <c>1/0</c>.</summary>
    public bool? Boolean(string name, bool required = false)
    {
        if (!Present(name, required, out var node))
        {
            return null;
        }

        if (node is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.String:
                    var text = v.GetValue<string>().Trim().ToLowerInvariant();
                    if (text is "true" or "1" or "yes" or "on")
                    {
                        return true;
                    }

                    if (text is "false" or "0" or "no" or "off")
                    {
                        return false;
                    }

                    break;
            }
        }

        Fail(name, "Not a valid boolean.");
        return null;
    }

    /// <summary>An ISO 8601 datetime with an offset (naive datetimes are refused, as in FlexMeasures).</summary>
    public DateTimeOffset? AwareDateTime(string name, bool required = false)
    {
        var text = String(name, required);
        if (text is null)
        {
            return null;
        }

        if (_fromText && text.Contains('T', StringComparison.Ordinal))
        {
            // An unescaped '+' in a query string arrives as a space.
            text = text.Replace(' ', '+');
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            Fail(name, "Not a valid datetime.");
            return null;
        }

        if (!Data.Time.AwareDateTime.HasOffset(text))
        {
            Fail(name, "Not a valid aware datetime.");
            return null;
        }

        if (!SupportedInstants.Contains(value.UtcDateTime))
        {
            Fail(name, SupportedInstants.Problem(value) + ".");
            return null;
        }

        return value;
    }

    /// <summary>An ISO 8601 duration in any form clients send (<c>PT2H</c>, <c>P0DT2H0M0S</c>, <c>P1D</c>, <c>-PT1H</c>).</summary>
    public TimeSpan? Duration(string name, bool required = false)
    {
        var text = String(name, required);
        if (text is null)
        {
            return null;
        }

        if (IsoDuration.TryParse(text, out var value))
        {
            return value;
        }

        Fail(name, $"Unable to parse duration string '{text}': not an ISO 8601 duration such as PT15M, PT1H or P1D.");
        return null;
    }

    /// <summary>A finite number from JSON (or from a numeric string in a query); null for anything else, <c>1e400</c> included.</summary>
    public double? AsNumber(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && Json.IsFiniteDouble(v) => v.GetValue<double>(),
        JsonValue v when _fromText && v.GetValueKind() == JsonValueKind.String
            && double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
        _ => null,
    };

    /// <summary>
    /// A window of <paramref name="duration"/> from <paramref name="start"/> (both already read): the duration must not
    /// be negative and the window must end within the supported instants.
    /// </summary>
    public void Window(DateTimeOffset? start, string durationField, TimeSpan? duration)
    {
        if (duration is not { } length)
        {
            return;
        }

        if (length < TimeSpan.Zero)
        {
            Fail(durationField, "Must not be negative.");
        }
        else if (start is { } from && !SupportedInstants.ContainsWindow(from.UtcDateTime, length))
        {
            Fail(durationField, char.ToUpperInvariant(SupportedInstants.WindowProblem[0]) + SupportedInstants.WindowProblem[1..] + ".");
        }
    }

    /// <summary>Fails every field not in <paramref name="known"/> with marshmallow's "Unknown field." (a misspelt key would otherwise be ignored).</summary>
    public void RejectUnknown(IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        foreach (var (key, _) in _fields)
        {
            if (!known.Contains(key))
            {
                Fail(key, "Unknown field.");
            }
        }
    }

    private bool Present(string name, bool required, out JsonNode? node)
    {
        if (!_fields.TryGetPropertyValue(name, out node) || node is null)
        {
            if (required)
            {
                Fail(name, _fields.ContainsKey(name) ? "Field may not be null." : Missing);
            }

            return false;
        }

        return true;
    }
}
