using System.Globalization;
using StartupFund.Ledger.Views;

namespace StartupFund.Web.Components.Pages.Manager;

/// <summary>The least co-investment per unit of public money a fund's policy asks for, shown beside its actual leverage.</summary>
public static class LeverageMinimum
{
    /// <summary>
    /// The first band's ratio, or (1 - p) / p for a maximum public share p, whichever is more; null when the
    /// policy asks for no co-investment.
    /// </summary>
    public static decimal? Of(PolicyView policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        decimal? required = policy.Bands is [{ PublicParts: > 0 } band, ..] ? (decimal)band.PrivateParts / band.PublicParts : null;
        if (policy.MaxPublicShare?.Split('/') is [var n, var d]
            && long.TryParse(n, CultureInfo.InvariantCulture, out var numerator) && long.TryParse(d, CultureInfo.InvariantCulture, out var denominator)
            && numerator > 0 && denominator >= numerator)
        {
            var byShare = (decimal)(denominator - numerator) / numerator;
            required = required is { } r ? Math.Max(r, byShare) : byShare;
        }

        return required;
    }

    /// <summary>
    /// Two decimals, rounded down as the API rounds the actual leverage, so a fund exactly at its minimum shows
    /// the same figure twice (3/7 is 0.42 beside 0.42, not beside 0.43).
    /// </summary>
    public static string Text(decimal required) => (Math.Floor(required * 100) / 100).ToString("N2", CultureInfo.CurrentCulture);
}
