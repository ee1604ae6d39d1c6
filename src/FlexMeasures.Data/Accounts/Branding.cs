using System.Text.RegularExpressions;
using FlexMeasures.Data.Validation;

namespace FlexMeasures.Data.Accounts;

/// <summary>FlexMeasures' rules for an account's colours and logo URL (checked wherever they are set).</summary>
public static partial class Branding
{
    public const int MaxLogoUrlLength = 255;

    /// <summary>A hex colour of 3 or 6 digits, with or without <c>#</c>; stored with it, so CSS can use it as is.</summary>
    /// <exception cref="InvalidInputException">Not a hex colour.</exception>
    public static string? Color(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        var color = value.StartsWith('#') ? value : "#" + value;
        return HexColor().IsMatch(color) ? color : throw new InvalidInputException(field, $"{color} is not a valid hex color code.");
    }

    /// <summary>
    /// An absolute http, https or ftp URL whose host is a domain name with a top-level domain or an IPv4 address, at
    /// most <see cref="MaxLogoUrlLength"/> characters, without spaces.
    /// </summary>
    /// <exception cref="InvalidInputException">Not such a URL.</exception>
    public static string? LogoUrl(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        var valid = Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https" or "ftp"
            && (uri.HostNameType == UriHostNameType.IPv4 || (uri.HostNameType == UriHostNameType.Dns && TopLevelDomain().IsMatch(uri.Host)))
            && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
        if (!valid)
        {
            throw new InvalidInputException(field, $"'{value}' is not a valid URL.");
        }

        return value.Length <= MaxLogoUrlLength
            ? value
            : throw new InvalidInputException(field, $"provided logo-url is too long. Maximum length is {MaxLogoUrlLength} characters.");
    }

    [GeneratedRegex("^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColor();

    [GeneratedRegex(@"\.[A-Za-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TopLevelDomain();
}
