using StartupFund.Domain;
using StartupFund.Domain.Values;
using StartupFund.Ledger;
using StartupFund.Security;

namespace StartupFund.Api.Access;

/// <summary>
/// The country a list of applications (or an audit query) is narrowed to for a caller scoped to
/// countries: the one asked for, if in scope; the fund's, if a fund is named; the caller's only
/// country otherwise. A caller of several countries names one; admins and supranational regulators need not.
/// </summary>
public static class ListScope
{
    public static async Task<CountryCode?> CountryAsync(Caller caller, StartupFundLedger ledger, FundId? fund, CountryCode? asked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Scopes.Require(caller.MayOversee, "Only an administrator, fund manager or regulator lists by country.");
        if (asked is { } country)
        {
            Scopes.Require(caller.CanOversee(country.Value), $"{country} is outside your countries.");
            return country;
        }

        if (fund is { } fundId)
        {
            var fundCountry = await Scopes.FundCountryAsync(ledger, fundId, cancellationToken).ConfigureAwait(false);
            Scopes.Require(caller.CanOversee(fundCountry), $"Fund {fundId} is in {fundCountry}, outside your countries.");
            return new CountryCode(fundCountry);
        }

        if (caller.SeesEveryCountry)
        {
            return null;
        }

        return new CountryCode(Scopes.OnlyCountryOf(caller));
    }
}
