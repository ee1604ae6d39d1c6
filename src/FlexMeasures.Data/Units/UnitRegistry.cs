using System.Collections.Frozen;

namespace FlexMeasures.Data.Units;

/// <summary>
/// The units we know: symbols with their size in SI base units, and the SI prefixes some of them take.
/// Small on purpose (see docs/decisions/0004-units.md): what energy and building sensors report.
/// </summary>
internal static class UnitRegistry
{
    private static readonly Dimension Volume = Dimension.Length.Power(3);
    private static readonly Dimension Energy = Dimension.Mass.Times(Dimension.Length.Power(2)).Over(Dimension.Time.Power(2));
    private static readonly Dimension Power = Energy.Over(Dimension.Time);
    private static readonly Dimension Force = Energy.Over(Dimension.Length);

    private static readonly FrozenDictionary<string, double> Prefixes = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["p"] = 1e-12,
        ["n"] = 1e-9,
        ["µ"] = 1e-6,
        ["μ"] = 1e-6,
        ["u"] = 1e-6,
        ["m"] = 1e-3,
        ["c"] = 1e-2,
        ["d"] = 1e-1,
        ["h"] = 1e2,
        ["k"] = 1e3,
        ["M"] = 1e6,
        ["G"] = 1e9,
        ["T"] = 1e12,
        ["P"] = 1e15,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Definition> Units = CreateUnits();

    /// <summary>Finds a symbol, with or without an SI prefix; exact symbols win (<c>min</c> is a minute, <c>Pa</c> a pascal).</summary>
    public static bool TryFind(string symbol, out UnitQuantity quantity)
    {
        if (Units.TryGetValue(symbol, out var definition))
        {
            quantity = definition.Quantity(symbol);
            return true;
        }

        if (Currencies.Codes.Contains(symbol))
        {
            quantity = new UnitQuantity(1, Dimension.Currency(symbol));
            return true;
        }

        foreach (var (prefix, scale) in Prefixes)
        {
            if (symbol.Length > prefix.Length && symbol.StartsWith(prefix, StringComparison.Ordinal))
            {
                var rest = symbol[prefix.Length..];
                if (Units.TryGetValue(rest, out var prefixed) && prefixed.Prefixable)
                {
                    quantity = new UnitQuantity(scale * prefixed.Factor, prefixed.Dimension);
                    return true;
                }

                if (Currencies.Codes.Contains(rest))
                {
                    quantity = new UnitQuantity(scale, Dimension.Currency(rest));
                    return true;
                }
            }
        }

        quantity = default;
        return false;
    }

    private static FrozenDictionary<string, Definition> CreateUnits()
    {
        var units = new Dictionary<string, Definition>(StringComparer.Ordinal);

        void Add(Definition definition, params string[] symbols)
        {
            foreach (var symbol in symbols)
            {
                units.Add(symbol, definition);
            }
        }

        Add(new(1, Dimension.None, Prefixable: false), "dimensionless");
        Add(new(1e-2, Dimension.None, Prefixable: false), "%", "percent");
        Add(new(1e-3, Dimension.None, Prefixable: false), "‰", "permille");
        Add(new(1e-6, Dimension.None, Prefixable: false), "ppm");

        Add(new(1, Dimension.Length, Prefixable: true), "m");
        Add(new(1e-3, Dimension.Mass, Prefixable: true), "g");
        Add(new(1e3, Dimension.Mass, Prefixable: true), "t");
        Add(new(1e-3, Volume, Prefixable: true), "l", "L");

        Add(new(1, Dimension.Time, Prefixable: true), "s");
        Add(new(60, Dimension.Time, Prefixable: false), "min");
        Add(new(3600, Dimension.Time, Prefixable: false), "h");
        Add(new(86400, Dimension.Time, Prefixable: false), "d");
        Add(new(1, Dimension.None.Over(Dimension.Time), Prefixable: true), "Hz");

        Add(new(1, Dimension.Current, Prefixable: true), "A");
        Add(new(3600, Dimension.Current.Times(Dimension.Time), Prefixable: true), "Ah");
        Add(new(1, Power.Over(Dimension.Current), Prefixable: true), "V");

        Add(new(1, Power, Prefixable: true), "W", "VA", "var");
        Add(new(1, Energy, Prefixable: true), "J");
        Add(new(3600, Energy, Prefixable: true), "Wh");
        Add(new(1, Force, Prefixable: true), "N");
        Add(new(1, Force.Over(Dimension.Length.Power(2)), Prefixable: true), "Pa");
        Add(new(1e5, Force.Over(Dimension.Length.Power(2)), Prefixable: true), "bar");

        Add(new(1, Dimension.Temperature, Prefixable: true), "K");

        // Kelvin = value × factor + offset; the masculine ordinal 'º' is a common stand-in for '°'.
        Add(new(1, Dimension.Temperature, Prefixable: false, Offset: 273.15), "°C", "ºC", "degC");
        Add(new(5.0 / 9, Dimension.Temperature, Prefixable: false, Offset: 459.67 * 5 / 9), "°F", "ºF", "degF");

        return units.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Definition(double Factor, Dimension Dimension, bool Prefixable, double Offset = 0)
    {
        public UnitQuantity Quantity(string symbol) =>
            Offset == 0 ? new UnitQuantity(Factor, Dimension) : new UnitQuantity(Factor, Dimension, Offset, symbol);
    }
}
