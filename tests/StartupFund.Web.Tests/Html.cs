using System.Net;
using System.Text.RegularExpressions;

namespace StartupFund.Web.Tests;

/// <summary>Reading what a page shows: the text of a <c>data-testid</c> element, the value of an input.</summary>
public static class Html
{
    public static string TestId(string html, string id)
    {
        var match = Regex.Match(html, $"data-testid=\"{Regex.Escape(id)}\"[^>]*>([^<]*)<");
        match.Success.ShouldBeTrue($"no data-testid {id}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static string InputValue(string html, string id)
    {
        var match = Regex.Match(html, $"<input id=\"{Regex.Escape(id)}\"[^>]* value=\"([^\"]*)\"");
        match.Success.ShouldBeTrue($"no input {id}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
