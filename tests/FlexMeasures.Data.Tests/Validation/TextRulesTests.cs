using System.Text.Json.Nodes;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Tests.Validation;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("power\0meter", "U+0000 at position 6")]
    [InlineData("power\u001b[31m", "U+001B at position 6")]
    [InlineData("two\nlines", "U+000A at position 4")]
    [InlineData("del\u007f", "U+007F at position 4")]
    public void Name_RefusesControlCharacters_NamingWhichAndWhere(string name, string where)
    {
        var error = Assert.Throws<InvalidInputException>(() => TextRules.Name(name, "name", 120));

        Assert.Equal("name", error.Field);
        Assert.Contains(where, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  power meter ", "power meter")]
    [InlineData("Zählerstand °C", "Zählerstand °C")]
    public void Name_TrimsAndAcceptsPrintableText(string name, string expected) =>
        Assert.Equal(expected, TextRules.Name(name, "name", 120));

    [Theory]
    [InlineData("""{"note": "a\u0000b"}""", "attributes.note")]
    [InlineData("""{"a": {"b": ["x", "\u0007"]}}""", "attributes.a.b[1]")]
    [InlineData("""{"a\u0001": 1}""", "attributes")]
    [InlineData("""{"big": 1e400}""", "attributes.big")]
    [InlineData("""{"small": -1e400}""", "attributes.small")]
    public void ParseAttributes_RefusesWhatCannotBeStored_NamingThePath(string json, string field)
    {
        var error = Assert.Throws<InvalidInputException>(() => Json.ParseAttributes(json, "attributes"));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void ParseAttributes_RefusesANumberOfAThousandDigits()
    {
        var error = Assert.Throws<InvalidInputException>(() => Json.ParseAttributes("{\"n\": 1" + new string('0', 1000) + "}", "attributes"));

        Assert.Contains("does not fit a double", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseAttributes_KeepsLineBreaksInTextAndOrdinaryNumbers()
    {
        var attributes = Json.ParseAttributes("""{"note": "line 1\nline 2\tend", "capacity_in_mw": 0.5, "n": 123456789012345678901234567890}""", "attributes");

        Assert.Equal("line 1\nline 2\tend", attributes["note"]!.GetValue<string>());
        Assert.Equal(0.5, attributes["capacity_in_mw"]!.GetValue<double>());
    }

    [Fact]
    public void IsFiniteDouble_IsFalse_ForNumbersBeyondTheRangeOfADouble()
    {
        Assert.False(Json.IsFiniteDouble((JsonValue)JsonNode.Parse("1e400")!));
        Assert.True(Json.IsFiniteDouble((JsonValue)JsonNode.Parse("1.7e308")!));
        Assert.True(Json.IsFiniteDouble(JsonValue.Create(3L)));
        Assert.True(Json.IsFiniteDouble(JsonValue.Create(0.5m)));
    }
}
