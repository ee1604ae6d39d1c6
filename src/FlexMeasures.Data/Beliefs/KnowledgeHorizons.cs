using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FlexMeasures.Data.Time;

namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// The knowledge-horizon functions of timely-beliefs (<c>func_store/knowledge_horizons.py</c>), by the names
/// stored in <c>sensor.knowledge_horizon_fnc</c>, with parameters as stored in <c>sensor.knowledge_horizon_par</c>
/// (a JSON object; durations as ISO 8601 strings, datetimes as ISO 8601 strings with an offset).
/// </summary>
/// <remarks>
/// <para>
/// Signs: knowledge time = event start − knowledge horizon, and belief time = knowledge time − belief horizon.
/// A positive belief horizon is a forecast (held before the event could be known); zero or negative is a
/// measurement.
/// </para>
/// <list type="bullet">
/// <item><c>ex_post</c> {<c>ex_post_horizon</c>}: known that long after the event ends; horizon = −resolution − ex_post_horizon.</item>
/// <item><c>ex_ante</c> {<c>ex_ante_horizon</c>}: known that long before the event starts.</item>
/// <item><c>at_date</c> {<c>knowledge_time</c>}: every event is known at one fixed time.</item>
/// <item><c>x_days_ago_at_y_oclock</c> {<c>x</c>, <c>y</c>, <c>z</c>}: known at <c>y</c> o'clock (fractional hours
/// allowed) on the wall clock of time zone <c>z</c>, <c>x</c> calendar days before the local day the event starts
/// (e.g. day-ahead prices: x=1, y=12). Also under the alias <c>x_days_ago_at_y_o_clock</c>.</item>
/// <item><c>x_years_ago_at_date</c> {<c>x</c>, <c>day</c>, <c>month</c>, <c>z</c>}: known at local midnight starting
/// <c>day</c>/<c>month</c> of the year <c>x</c> years before the event's local year (e.g. annual tax rates).</item>
/// </list>
/// <para>
/// Local times that a daylight-saving change skips or repeats are resolved as timely-beliefs does for a single
/// event (pytz, <c>is_dst=False</c>): see <see cref="ZonedTime.ToUtc(DateTime, TimeZoneInfo)"/>.
/// </para>
/// </remarks>
public static class KnowledgeHorizons
{
    private const int MaxCachedParameterSets = 1024;

    private static readonly ConcurrentDictionary<(string Function, string Parameters), Compiled> Cache = new();

    private delegate TimeSpan HorizonFunction(DateTime eventStartUtc, TimeSpan eventResolution);

    /// <summary>Every function name <c>sensor.knowledge_horizon_fnc</c> may hold.</summary>
    public static IReadOnlyList<string> Functions { get; } =
        ["ex_post", "ex_ante", "at_date", "x_days_ago_at_y_oclock", "x_days_ago_at_y_o_clock", "x_years_ago_at_date"];

    /// <summary>How long before the event start the event could be known (negative: after it started).</summary>
    /// <param name="function">A name from <see cref="Functions"/>.</param>
    /// <param name="parametersJson">The function's parameters as a JSON object.</param>
    /// <param name="eventStartUtc">The event start, UTC (Unspecified counts as UTC).</param>
    /// <param name="eventResolution">The sensor's event resolution; zero for instantaneous sensors.</param>
    /// <exception cref="ArgumentException">The function or its parameters are invalid (see <see cref="Validate"/>).</exception>
    public static TimeSpan KnowledgeHorizon(string function, string parametersJson, DateTime eventStartUtc, TimeSpan eventResolution)
    {
        var compiled = Compile(function, parametersJson);
        return compiled.Horizon is null
            ? throw new ArgumentException(compiled.Error, nameof(parametersJson))
            : compiled.Horizon(ZonedTime.AsUtc(eventStartUtc, nameof(eventStartUtc)), eventResolution);
    }

    /// <summary>When the event could first be known: event start − knowledge horizon (UTC).</summary>
    /// <param name="function">A name from <see cref="Functions"/>.</param>
    /// <param name="parametersJson">The function's parameters as a JSON object.</param>
    /// <param name="eventStartUtc">The event start, UTC (Unspecified counts as UTC).</param>
    /// <param name="eventResolution">The sensor's event resolution; zero for instantaneous sensors.</param>
    /// <inheritdoc cref="KnowledgeHorizon" path="/exception"/>
    public static DateTime KnowledgeTime(string function, string parametersJson, DateTime eventStartUtc, TimeSpan eventResolution)
    {
        var eventStart = ZonedTime.AsUtc(eventStartUtc, nameof(eventStartUtc));
        return eventStart - KnowledgeHorizon(function, parametersJson, eventStart, eventResolution);
    }

    /// <summary>When a belief with this belief horizon was held: knowledge time − belief horizon (UTC).</summary>
    /// <param name="function">A name from <see cref="Functions"/>.</param>
    /// <param name="parametersJson">The function's parameters as a JSON object.</param>
    /// <param name="eventStartUtc">The event start, UTC (Unspecified counts as UTC).</param>
    /// <param name="eventResolution">The sensor's event resolution; zero for instantaneous sensors.</param>
    /// <param name="beliefHorizon">Positive for forecasts, zero or negative for measurements.</param>
    /// <inheritdoc cref="KnowledgeHorizon" path="/exception"/>
    public static DateTime BeliefTime(string function, string parametersJson, DateTime eventStartUtc, TimeSpan eventResolution, TimeSpan beliefHorizon) =>
        KnowledgeTime(function, parametersJson, eventStartUtc, eventResolution) - beliefHorizon;

    /// <summary>The belief horizon of a belief held at <paramref name="beliefTimeUtc"/>: knowledge time − belief time.</summary>
    /// <param name="function">A name from <see cref="Functions"/>.</param>
    /// <param name="parametersJson">The function's parameters as a JSON object.</param>
    /// <param name="eventStartUtc">The event start, UTC (Unspecified counts as UTC).</param>
    /// <param name="eventResolution">The sensor's event resolution; zero for instantaneous sensors.</param>
    /// <param name="beliefTimeUtc">When the belief was held, UTC (Unspecified counts as UTC).</param>
    /// <inheritdoc cref="KnowledgeHorizon" path="/exception"/>
    public static TimeSpan BeliefHorizon(string function, string parametersJson, DateTime eventStartUtc, TimeSpan eventResolution, DateTime beliefTimeUtc) =>
        KnowledgeTime(function, parametersJson, eventStartUtc, eventResolution) - ZonedTime.AsUtc(beliefTimeUtc, nameof(beliefTimeUtc));

    /// <summary>What is wrong with this function and its parameters, naming the function and parameter; null when valid.</summary>
    public static string? Validate(string function, string parametersJson) => Compile(function, parametersJson).Error;

    private static Compiled Compile(string function, string parametersJson)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(parametersJson);
        if (Cache.TryGetValue((function, parametersJson), out var cached))
        {
            return cached;
        }

        Compiled compiled;
        try
        {
            compiled = new Compiled(CompileCore(function, parametersJson), null);
        }
        catch (InvalidParameterException exception)
        {
            compiled = new Compiled(null, exception.Message);
        }

        // Sensors are few; the cap only guards against callers validating arbitrary user input.
        if (Cache.Count >= MaxCachedParameterSets)
        {
            Cache.Clear();
        }

        Cache[(function, parametersJson)] = compiled;
        return compiled;
    }

    private static HorizonFunction CompileCore(string function, string parametersJson)
    {
        if (!Functions.Contains(function, StringComparer.Ordinal))
        {
            throw new InvalidParameterException(
                $"Unknown knowledge horizon function '{function}'; expected one of {string.Join(", ", Functions)}.");
        }

        var parameters = new Parameters(function, parametersJson);
        HorizonFunction horizon = function switch
        {
            "ex_post" => ExPost(parameters.Duration("ex_post_horizon")),
            "ex_ante" => ExAnte(parameters.Duration("ex_ante_horizon")),
            "at_date" => AtDate(parameters.DateTime("knowledge_time")),
            "x_years_ago_at_date" => XYearsAgoAtDate(function, parameters),
            "x_days_ago_at_y_oclock" or "x_days_ago_at_y_o_clock" =>
                XDaysAgoAtYOclock(parameters.Integer("x"), parameters.Hour("y"), parameters.TimeZone("z")),
            _ => throw new UnreachableException(),
        };

        parameters.RefuseOthers();
        return horizon;
    }

    private static HorizonFunction ExPost(TimeSpan exPostHorizon) => (_, resolution) => -resolution - exPostHorizon;

    private static HorizonFunction ExAnte(TimeSpan exAnteHorizon) => (_, _) => exAnteHorizon;

    private static HorizonFunction AtDate(DateTime knowledgeTimeUtc) => (eventStart, _) => eventStart - knowledgeTimeUtc;

    private static HorizonFunction XDaysAgoAtYOclock(int x, TimeSpan timeOfDay, TimeZoneInfo zone) =>
        (eventStart, _) =>
        {
            // Calendar days on the wall clock, then y o'clock on that day's wall clock (not midnight + y absolute hours).
            var localDay = ZonedTime.ToWallClock(eventStart, zone).Date.AddDays(-x);
            return eventStart - ZonedTime.ToUtc(localDay + timeOfDay, zone);
        };

    private static HorizonFunction XYearsAgoAtDate(string function, Parameters parameters)
    {
        var x = parameters.Integer("x", minimum: 1);
        var month = parameters.Integer("month", minimum: 1, maximum: 12);

        // Checked against a leap year: 29 February is valid, and fails only for an event whose year x years ago lacks it.
        var day = parameters.Integer("day", minimum: 1, maximum: DateTime.DaysInMonth(2000, month));
        var zone = parameters.TimeZone("z");
        return (eventStart, _) =>
        {
            var year = ZonedTime.ToWallClock(eventStart, zone).Year - x;
            if (year < 1 || day > DateTime.DaysInMonth(year, month))
            {
                throw new ArgumentException(
                    $"{function}: {year:D4}-{month:D2}-{day:D2}, {x} year(s) before the event starting {eventStart:O}, does not exist.");
            }

            return eventStart - ZonedTime.ToUtc(new DateTime(year, month, day), zone);
        };
    }

    private sealed record Compiled(HorizonFunction? Horizon, string? Error);

    private sealed class InvalidParameterException(string message) : Exception(message);

    /// <summary>Reads one function's parameters, naming the function and parameter in every complaint.</summary>
    private sealed class Parameters
    {
        private readonly string _function;
        private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);
        private readonly HashSet<string> _read = new(StringComparer.Ordinal);

        public Parameters(string function, string json)
        {
            _function = function;
            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(json);
                root = document.RootElement.Clone();
            }
            catch (JsonException exception)
            {
                throw Invalid($"its parameters are not valid JSON ({exception.Message})");
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"its parameters must be a JSON object, not {root.ValueKind}");
            }

            foreach (var property in root.EnumerateObject())
            {
                _values[property.Name] = property.Value;
            }
        }

        public TimeSpan Duration(string name)
        {
            var value = Required(name);
            if (value.ValueKind != JsonValueKind.String)
            {
                throw Invalid($"parameter '{name}' must be an ISO 8601 duration string such as \"PT1H\"");
            }

            try
            {
                return IsoDuration.Parse(value.GetString()!);
            }
            catch (FormatException exception)
            {
                throw Invalid($"parameter '{name}': {exception.Message}");
            }
        }

        public DateTime DateTime(string name)
        {
            var value = Required(name);
            var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

            // An offset is required: a time without one would depend on the server's own time zone.
            var time = text.IndexOf('T', StringComparison.Ordinal) is var t and > 0 ? text[(t + 1)..] : "";
            var hasOffset = time.EndsWith('Z') || time.Contains('+', StringComparison.Ordinal) || time.Contains('-', StringComparison.Ordinal);
            if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw Invalid($"parameter '{name}' must be an ISO 8601 datetime with an offset, such as \"2021-01-01T00:00:00+00:00\"");
            }

            return parsed.UtcDateTime;
        }

        public int Integer(string name, int minimum = int.MinValue, int maximum = int.MaxValue)
        {
            var value = Required(name);
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number)
                || number != Math.Floor(number) || number < minimum || number > maximum)
            {
                var range = (minimum, maximum) switch
                {
                    (int.MinValue, int.MaxValue) => "",
                    (_, int.MaxValue) => $" of at least {minimum}",
                    _ => $" from {minimum} to {maximum}",
                };
                throw Invalid($"parameter '{name}' must be a whole number{range}");
            }

            return (int)number;
        }

        public TimeSpan Hour(string name)
        {
            var value = Required(name);
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var hours) || hours < 0 || hours >= 24)
            {
                throw Invalid($"parameter '{name}' must be an hour of the day, a number from 0 up to (not including) 24");
            }

            // Truncated to whole microseconds, as timely-beliefs does.
            return TimeSpan.FromTicks((long)(hours * 3600 * 1_000_000) * 10);
        }

        public TimeZoneInfo TimeZone(string name)
        {
            var value = Required(name);
            var id = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
            return ZonedTime.Find(id)
                ?? throw Invalid($"parameter '{name}' must be an IANA time zone such as \"Europe/Amsterdam\", not {value.GetRawText()}");
        }

        public void RefuseOthers()
        {
            var others = _values.Keys.Where(key => !_read.Contains(key)).Select(key => $"'{key}'").ToList();
            if (others.Count > 0)
            {
                throw Invalid($"unexpected parameter(s) {string.Join(", ", others)}");
            }
        }

        private JsonElement Required(string name)
        {
            _read.Add(name);
            return _values.TryGetValue(name, out var value) ? value : throw Invalid($"parameter '{name}' is missing");
        }

        private InvalidParameterException Invalid(string problem) => new($"Knowledge horizon function '{_function}': {problem}.");
    }
}
