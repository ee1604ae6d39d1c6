using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Tests.Accounts;

public sealed class BrandingTests
{
    [Theory]
    [InlineData("#1a3443", "#1a3443")]
    [InlineData("1a3443", "#1a3443")]
    [InlineData("#F1A", "#F1A")]
    [InlineData("abc", "#abc")]
    public void Color_IsStoredWithAHash_WhenHex(string given, string stored) => Assert.Equal(stored, Branding.Color(given, "primary_color"));

    [Theory]
    [InlineData("")]
    [InlineData("#")]
    [InlineData("#12345")]
    [InlineData("#1234567")]
    [InlineData("#12345g")]
    [InlineData("blue")]
    [InlineData("##123")]
    public void Color_Throws_WhenNotThreeOrSixHexDigits(string given)
    {
        var e = Assert.Throws<InvalidInputException>(() => Branding.Color(given, "secondary_color"));
        Assert.Equal("secondary_color", e.Field);
        Assert.Contains("is not a valid hex color code", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.com/logo.png")]
    [InlineData("http://cdn.example.co.uk:8080/a/b.svg?v=2")]
    [InlineData("ftp://10.0.0.1/logo.png")]
    public void LogoUrl_IsAccepted_WhenAnAbsoluteWebUrl(string url) => Assert.Equal(url, Branding.LogoUrl(url, "logo_url"));

    [Theory]
    [InlineData("not a url")]
    [InlineData("example.com/logo.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://localhost/logo.png")]
    [InlineData("https://example.com/my logo.png")]
    public void LogoUrl_Throws_WhenNotAnHttpOrFtpUrlWithADomain(string url) =>
        Assert.Equal("logo_url", Assert.Throws<InvalidInputException>(() => Branding.LogoUrl(url, "logo_url")).Field);

    [Fact]
    public void LogoUrl_Throws_WhenLongerThan255Characters()
    {
        var url = "https://example.com/" + new string('a', 240);

        var e = Assert.Throws<InvalidInputException>(() => Branding.LogoUrl(url, "logo_url"));

        Assert.Contains("too long", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ColorAndLogoUrl_AreNull_WhenCleared()
    {
        Assert.Null(Branding.Color(null, "primary_color"));
        Assert.Null(Branding.LogoUrl(null, "logo_url"));
    }
}
