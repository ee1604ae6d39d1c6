using System.Globalization;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Reporting.Formula;

/// <summary>
/// Parses the formula language into a tree; nothing is evaluated here and nothing but the grammar below is accepted
/// (no reflection, no eval):
/// <code>
/// formula  = sum
/// sum      = product { ("+" | "-") product }
/// product  = unary { ("*" | "/") unary }
/// unary    = "-" unary | primary
/// primary  = number | "text" | name | name "(" formula { "," formula } ")" | "(" formula ")"
/// </code>
/// Names are letters, digits and underscores, not starting with a digit.
/// </summary>
public static class FormulaParser
{
    /// <exception cref="InvalidInputException">A syntax error; the message gives the position.</exception>
    public static FormulaNode Parse(string formula, string field)
    {
        ArgumentNullException.ThrowIfNull(formula);
        var parser = new Cursor(formula, field);
        if (string.IsNullOrWhiteSpace(formula))
        {
            throw new InvalidInputException(field, "is empty; write an expression such as \"pv - consumption\"");
        }

        var node = parser.Sum();
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw parser.Error($"unexpected '{parser.Current}'");
        }

        return node;
    }

    private sealed class Cursor(string text, string field)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public char Current => text[_at];

        public InvalidInputException Error(string problem) =>
            new(field, string.Create(CultureInfo.InvariantCulture, $"{problem} at position {_at + 1} of \"{text}\""));

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(Current))
            {
                _at++;
            }
        }

        public FormulaNode Sum()
        {
            var left = Product();
            while (Next() is '+' or '-')
            {
                var position = _at + 1;
                var op = text[_at++];
                left = new BinaryNode(op, left, Product(), position);
            }

            return left;
        }

        private FormulaNode Product()
        {
            var left = Unary();
            while (Next() is '*' or '/')
            {
                var position = _at + 1;
                var op = text[_at++];
                left = new BinaryNode(op, left, Unary(), position);
            }

            return left;
        }

        private FormulaNode Unary()
        {
            if (Next() == '-')
            {
                var position = ++_at;
                return new NegationNode(Unary(), position);
            }

            return Primary();
        }

        private FormulaNode Primary()
        {
            var next = Next();
            var position = _at + 1;
            if (next is null)
            {
                throw Error("the formula ends where a value was expected");
            }

            if (next == '(')
            {
                _at++;
                var inner = Sum();
                Expect(')');
                return inner;
            }

            if (next == '"')
            {
                var close = text.IndexOf('"', _at + 1);
                if (close < 0)
                {
                    throw Error("a text in double quotes is not closed");
                }

                var value = text[(_at + 1)..close];
                _at = close + 1;
                return new TextNode(value, position);
            }

            if (char.IsAsciiDigit(next.Value) || next == '.')
            {
                var start = _at;
                while (!AtEnd && (char.IsAsciiDigit(Current) || Current == '.'))
                {
                    _at++;
                }

                // An exponent (1e-3) belongs to the number.
                if (!AtEnd && Current is 'e' or 'E')
                {
                    _at++;
                    if (!AtEnd && Current is '+' or '-')
                    {
                        _at++;
                    }

                    while (!AtEnd && char.IsAsciiDigit(Current))
                    {
                        _at++;
                    }
                }

                var literal = text[start.._at];
                return double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? new NumberNode(number, position)
                    : throw new InvalidInputException(field, $"'{literal}' at position {position} is not a number");
            }

            if (char.IsAsciiLetter(next.Value) || next == '_')
            {
                var start = _at;
                while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current == '_'))
                {
                    _at++;
                }

                var name = text[start.._at];
                if (Next() != '(')
                {
                    return new InputNode(name, position);
                }

                _at++;
                var arguments = new List<FormulaNode> { Sum() };
                while (Next() == ',')
                {
                    _at++;
                    arguments.Add(Sum());
                }

                Expect(')');
                return new CallNode(name, arguments, position);
            }

            throw Error($"unexpected '{next}'");
        }

        private void Expect(char c)
        {
            if (Next() != c)
            {
                throw AtEnd ? Error($"'{c}' is missing at the end") : Error($"expected '{c}' but found '{Current}'");
            }

            _at++;
        }

        /// <summary>The next character that is not white space, without taking it; null at the end.</summary>
        private char? Next()
        {
            SkipSpace();
            return AtEnd ? null : Current;
        }
    }
}
