using System.Collections.Immutable;
using System.Text;

namespace FlexMeasures.Data.Units;

/// <summary>
/// What a unit measures, as exponents of base dimensions: length, mass, time, current, temperature,
/// and one dimension per currency (money in EUR cannot become money in USD without a rate).
/// </summary>
internal sealed class Dimension : IEquatable<Dimension>
{
    private readonly ImmutableSortedDictionary<string, int> _exponents;

    private Dimension(ImmutableSortedDictionary<string, int> exponents) => _exponents = exponents;

    public static Dimension None { get; } = new(ImmutableSortedDictionary.Create<string, int>(StringComparer.Ordinal));

    public static Dimension Length { get; } = Base("length");

    public static Dimension Mass { get; } = Base("mass");

    public static Dimension Time { get; } = Base("time");

    public static Dimension Current { get; } = Base("current");

    public static Dimension Temperature { get; } = Base("temperature");

    public bool IsNone => _exponents.IsEmpty;

    public static Dimension Base(string name) => new(None._exponents.Add(name, 1));

    public static Dimension Currency(string code) => Base(code);

    public Dimension Times(Dimension other)
    {
        var builder = _exponents.ToBuilder();
        foreach (var (name, exponent) in other._exponents)
        {
            var sum = builder.GetValueOrDefault(name) + exponent;
            if (sum == 0)
            {
                builder.Remove(name);
            }
            else
            {
                builder[name] = sum;
            }
        }

        return new Dimension(builder.ToImmutable());
    }

    public Dimension Power(int power) =>
        power == 0
            ? None
            : new Dimension(_exponents.ToImmutableSortedDictionary(pair => pair.Key, pair => pair.Value * power, StringComparer.Ordinal));

    public Dimension Over(Dimension other) => Times(other.Power(-1));

    public bool Equals(Dimension? other) =>
        other is not null && _exponents.Count == other._exponents.Count
        && _exponents.All(pair => other._exponents.TryGetValue(pair.Key, out var exponent) && exponent == pair.Value);

    public override bool Equals(object? obj) => Equals(obj as Dimension);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, exponent) in _exponents)
        {
            hash.Add(name);
            hash.Add(exponent);
        }

        return hash.ToHashCode();
    }

    /// <summary>E.g. <c>[length]^3/[time]</c>, or <c>dimensionless</c>.</summary>
    public override string ToString()
    {
        if (IsNone)
        {
            return "dimensionless";
        }

        var text = new StringBuilder();
        foreach (var (name, exponent) in _exponents.Where(pair => pair.Value > 0))
        {
            Append(text.Length == 0 ? "" : "·", name, exponent);
        }

        if (text.Length == 0)
        {
            text.Append('1');
        }

        foreach (var (name, exponent) in _exponents.Where(pair => pair.Value < 0))
        {
            Append("/", name, -exponent);
        }

        return text.ToString();

        void Append(string separator, string name, int exponent) =>
            text.Append(separator).Append('[').Append(name).Append(']').Append(exponent == 1 ? "" : $"^{exponent}");
    }
}
