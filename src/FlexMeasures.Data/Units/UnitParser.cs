using System.Globalization;

namespace FlexMeasures.Data.Units;

/// <summary>
/// Reads unit expressions the way FlexMeasures' pint registry does, for the forms sensors use:
/// <c>kW</c>, <c>EUR/MWh</c>, <c>m³/h</c>, <c>m^3</c>, <c>m**3</c>, <c>m2</c>, <c>W/m²</c>, <c>kW·h</c>,
/// <c>kW h</c>, <c>l/(100km)</c>, <c>-kW</c> and quantities such as <c>50 kWh</c>.
/// </summary>
/// <remarks>
/// <c>*</c>, <c>/</c> and juxtaposition with a space share one precedence and group to the left
/// (<c>EUR/kW/h</c> = EUR per kW per hour); a number written against a symbol (<c>15min</c>, <c>100km</c>)
/// is one factor, so <c>kWh/15min</c> is kWh per quarter hour.
/// </remarks>
internal sealed class UnitParser
{
    private const string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private readonly string _text;
    private int _position;

    private UnitParser(string text) => _text = text;

    private char Current => _position < _text.Length ? _text[_position] : '\0';

    private bool AtEnd => _position >= _text.Length;

    /// <exception cref="UnitSyntaxException">The expression is not a unit we know; the message says why.</exception>
    public static UnitQuantity Parse(string text)
    {
        var parser = new UnitParser(text);
        parser.SkipSpaces();
        if (parser.AtEnd)
        {
            return UnitQuantity.One;
        }

        var quantity = parser.ParseProduct();
        parser.SkipSpaces();
        return parser.AtEnd ? quantity : throw parser.Unexpected();
    }

    private UnitQuantity ParseProduct()
    {
        var quantity = ParseSigned();
        while (true)
        {
            SkipSpaces();
            if (Current is '*' or '·' or '⋅')
            {
                _position++;
                quantity = quantity.Times(ParseSigned());
            }
            else if (Current == '/')
            {
                _position++;
                quantity = quantity.Over(ParseSigned());
            }
            else if (StartsAtom(Current))
            {
                quantity = quantity.Times(ParsePower());
            }
            else
            {
                return quantity;
            }
        }
    }

    private UnitQuantity ParseSigned()
    {
        SkipSpaces();
        if (Current == '-')
        {
            _position++;
            return UnitQuantity.Number(-1).Times(ParseSigned());
        }

        return ParsePower();
    }

    private UnitQuantity ParsePower()
    {
        var quantity = ParseAtom();
        if (Current == '^' || (Current == '*' && _position + 1 < _text.Length && _text[_position + 1] == '*'))
        {
            _position += Current == '^' ? 1 : 2;
            return quantity.Power(ParseExponent());
        }

        if (Current == '⁻' || Superscripts.Contains(Current, StringComparison.Ordinal))
        {
            return quantity.Power(ParseSuperscriptExponent());
        }

        return quantity;
    }

    private UnitQuantity ParseAtom()
    {
        SkipSpaces();
        if (Current == '(')
        {
            _position++;
            var inner = ParseProduct();
            SkipSpaces();
            if (Current != ')')
            {
                throw Unexpected();
            }

            _position++;
            return inner;
        }

        if (char.IsAsciiDigit(Current) || Current == '.')
        {
            var number = UnitQuantity.Number(ParseNumber());
            return IsSymbolChar(Current) || Current is '%' or '‰' ? number.Times(ParseSymbol()) : number;
        }

        if (IsSymbolChar(Current) || Current is '%' or '‰')
        {
            return ParseSymbol();
        }

        throw Unexpected();
    }

    private UnitQuantity ParseSymbol()
    {
        var start = _position;
        if (Current is '%' or '‰')
        {
            _position++;
        }
        else
        {
            while (IsSymbolChar(Current))
            {
                _position++;
            }
        }

        var symbol = _text[start.._position];
        if (!UnitRegistry.TryFind(symbol, out var quantity))
        {
            throw new UnitSyntaxException($"unknown unit '{symbol}'");
        }

        // pint reads digits written against a symbol as a power: m2 is m².
        var digitsStart = _position;
        while (char.IsAsciiDigit(Current))
        {
            _position++;
        }

        return _position > digitsStart
            ? quantity.Power(int.Parse(_text.AsSpan(digitsStart, _position - digitsStart), CultureInfo.InvariantCulture))
            : quantity;
    }

    private double ParseNumber()
    {
        var start = _position;
        while (char.IsAsciiDigit(Current))
        {
            _position++;
        }

        if (Current == '.')
        {
            _position++;
            while (char.IsAsciiDigit(Current))
            {
                _position++;
            }
        }

        // An exponent only when digits follow: "1e3" is 1000, but "1eV" would be 1 eV.
        if (Current is 'e' or 'E')
        {
            var afterE = _position + 1;
            if (afterE < _text.Length && _text[afterE] is '+' or '-')
            {
                afterE++;
            }

            if (afterE < _text.Length && char.IsAsciiDigit(_text[afterE]))
            {
                _position = afterE;
                while (char.IsAsciiDigit(Current))
                {
                    _position++;
                }
            }
        }

        var literal = _text.AsSpan(start, _position - start);
        return double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UnitSyntaxException($"'{literal}' is not a number");
    }

    private int ParseExponent()
    {
        SkipSpaces();
        var parenthesized = Current == '(';
        if (parenthesized)
        {
            _position++;
            SkipSpaces();
        }

        var start = _position;
        if (Current is '-' or '+')
        {
            _position++;
        }

        while (char.IsAsciiDigit(Current))
        {
            _position++;
        }

        if (!int.TryParse(_text.AsSpan(start, _position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent))
        {
            _position = start;
            throw new UnitSyntaxException($"expected a whole-number power at position {start + 1}");
        }

        if (parenthesized)
        {
            SkipSpaces();
            if (Current != ')')
            {
                throw Unexpected();
            }

            _position++;
        }

        return exponent;
    }

    private int ParseSuperscriptExponent()
    {
        var negative = Current == '⁻';
        if (negative)
        {
            _position++;
        }

        var exponent = 0;
        var digits = 0;
        int digit;
        while ((digit = Superscripts.IndexOf(Current, StringComparison.Ordinal)) >= 0)
        {
            exponent = exponent * 10 + digit;
            digits++;
            _position++;
        }

        return digits == 0 ? throw Unexpected() : negative ? -exponent : exponent;
    }

    private void SkipSpaces()
    {
        while (char.IsWhiteSpace(Current))
        {
            _position++;
        }
    }

    private UnitSyntaxException Unexpected() =>
        AtEnd
            ? new UnitSyntaxException("it ends too early")
            : new UnitSyntaxException($"unexpected '{Current}' at position {_position + 1}");

    private static bool StartsAtom(char c) => c == '(' || c == '.' || char.IsAsciiDigit(c) || IsSymbolChar(c) || c is '%' or '‰';

    private static bool IsSymbolChar(char c) => char.IsLetter(c) || c is '°' or '_';
}
