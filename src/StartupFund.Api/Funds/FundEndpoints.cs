using StartupFund.Api.Access;
using StartupFund.Api.Audit;
using StartupFund.Api.Http;
using StartupFund.Domain;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Matching;
using StartupFund.Domain.Values;
using StartupFund.Ledger;
using StartupFund.Ledger.Views;
using StartupFund.Security;

namespace StartupFund.Api.Funds;

/// <summary>/funds: open a fund, sponsors' commitments, capital calls and receipts, closing; the fund, its balance, journal and trial balance.</summary>
public static class FundEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var funds = app.MapGroup("/funds").WithTags("Funds");

        funds.MapPost("/", (HttpContext http, StartupFundLedger ledger) => Send.Fund<OpenFundRequest>(http, ledger, (body, f, now) =>
        {
            var id = f.Try("id", () => new FundId(body.Id ?? Send.NewId("fund")));
            var country = f.Required("country", body.Country, code => new CountryCode(code));
            var currency = f.Try("currency", () => new Currency(body.Currency!));
            var name = f.Text("name", body.Name, Limits.NameMaxLength);
            var policy = PolicyOf(f, f.Required("policy", body.Policy), currency);
            return new OpenFund(id, country, name, currency, policy!, now);
        }))
        .Command<OpenFundRequest, FundView>("OpenFund", "Open a fund in a country and currency, with its policy", created: true)
        .RequireAuthorization(Policies.OpenFunds);

        funds.MapPost("/{fundId}/commitments", (string fundId, HttpContext http, StartupFundLedger ledger) => Send.Fund<CommitCapitalRequest>(http, ledger, (body, f, now) =>
            new CommitCapital(
                RouteFund(f, fundId),
                f.Required("sponsorId", body.SponsorId, id => new SponsorId(id)),
                f.Text("sponsorName", body.SponsorName, Limits.NameMaxLength),
                f.Choice<SponsorKind>("kind", body.Kind),
                f.Money("amount", body.Amount),
                now)))
        .Command<CommitCapitalRequest, FundView>("CommitCapital", "A sponsor commits capital to the fund")
        .RequireAuthorization(Policies.ManageSponsors);

        funds.MapPost("/{fundId}/capital-calls", (string fundId, HttpContext http, StartupFundLedger ledger) => Send.Fund<CallCapitalRequest>(http, ledger, (body, f, now) =>
            new CallCapital(
                RouteFund(f, fundId),
                f.Try("callId", () => new CallId(body.CallId ?? Send.NewId("call"))),
                f.Required("sponsorId", body.SponsorId, id => new SponsorId(id)),
                f.Money("amount", body.Amount),
                f.Date("dueDate", body.DueDate),
                now)))
        .Command<CallCapitalRequest, FundView>("CallCapital", "Call part of a sponsor's uncalled commitment")
        .RequireAuthorization(Policies.RunTreasury);

        funds.MapPost("/{fundId}/capital-calls/{callId}/receipts", (string fundId, string callId, HttpContext http, StartupFundLedger ledger) =>
            Send.Fund<ReceiveCapitalRequest>(http, ledger, (body, f, now) =>
                new ReceiveCapital(
                    RouteFund(f, fundId),
                    f.Try("callId", () => new CallId(callId)),
                    f.Money("amount", body.Amount),
                    f.Date("valueDate", body.ValueDate),
                    now)))
        .Command<ReceiveCapitalRequest, FundView>("ReceiveCapital", "Record cash received against a capital call")
        .RequireAuthorization(Policies.RunTreasury);

        funds.MapPost("/{fundId}/closure", (string fundId, HttpContext http, StartupFundLedger ledger) => Send.Fund<CloseFundRequest>(http, ledger, (body, f, now) =>
            new CloseFund(RouteFund(f, fundId), f.Text("reason", body.Reason, Limits.ReasonMaxLength), now)))
        .Command<CloseFundRequest, FundView>("CloseFund", "Close the fund to new applications and commitments")
        .RequireAuthorization(Policies.ManageSponsors);

        funds.MapGet("/", async (string? country, string? cursor, int? limit, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
        {
            var f = new Fields();
            CountryCode? code = country is null ? null : f.Try("country", () => new CountryCode(country));
            f.ThrowIfAny();
            var page = await ledger.Queries.ListFundsAsync(code, cursor, limit, token);
            return Results.Ok(page with { Items = [.. page.Items.Select(fund => AsSeenBy(http, fund))] });
        })
        .Query<Page<FundView>>("ListFunds",
            "List funds, optionally of one country (cursor-paginated); figures, sponsors and calls only for those who oversee a fund's country")
        .RequireAuthorization(Policies.BrowseFunds);

        funds.MapGet("/{fundId}", async (string fundId, string? asOf, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
        {
            var id = ParseRoute(fundId);
            if (asOf is not null)
            {
                return await ledger.FundAsOfAsync(id, asOf, token) is { } then ? Results.Ok(AsSeenBy(http, then)) : FundNotFound(id);
            }

            return await ledger.Queries.GetFundAsync(id, token) is { } fund
                ? Versioned(http, AsSeenBy(http, fund), fund.Version)
                : FundNotFound(id);
        })
        .Query<FundView>("GetFund",
            "A fund with its terms, and for those who oversee its country its sponsors, calls and figures; ETag is the stream version. "
            + "With asOf (ISO instant): as it was then, rebuilt from the events", notFound: true)
        .RequireAuthorization(Policies.BrowseFunds);

        funds.MapGet("/{fundId}/balance", async (string fundId, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
        {
            var id = await OverseenAsync(http, ledger, fundId, token);
            return await ledger.Queries.FundBalanceAsync(id, token) is { } balance ? Results.Ok(balance) : FundNotFound(id);
        })
        .Query<FundBalanceView>("GetFundBalance", "A fund's figures derived from its double-entry journal", notFound: true)
        .RequireAuthorization(Policies.Oversee);

        funds.MapGet("/{fundId}/journal", async (string fundId, string? cursor, int? limit, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
        {
            var id = await OverseenAsync(http, ledger, fundId, token);
            return await ledger.Queries.JournalAsync(id, cursor, limit, token) is { } page ? Results.Ok(page) : FundNotFound(id);
        })
        .Query<Page<JournalEntryView>>("GetFundJournal", "A fund's journal entries with their postings (cursor-paginated)", notFound: true)
        .RequireAuthorization(Policies.Oversee);

        funds.MapGet("/{fundId}/trial-balance", async (string fundId, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
        {
            var id = await OverseenAsync(http, ledger, fundId, token);
            return await ledger.Queries.TrialBalanceAsync(id, token) is { } trial ? Results.Ok(trial) : FundNotFound(id);
        })
        .Query<TrialBalanceView>("GetFundTrialBalance", "Every account of the fund's chart with its four balance columns", notFound: true)
        .RequireAuthorization(Policies.Oversee);
    }

    /// <summary>
    /// The body with its version as ETag, or 304 to an If-None-Match naming that version. Only for a view that changes
    /// with its version alone: <paramref name="sameAllDays"/> false (an application, whose tranches fall overdue as days
    /// pass) keeps the ETag for If-Match on commands and always answers the body.
    /// </summary>
    public static IResult Versioned(HttpContext http, object body, long version, bool sameAllDays = true)
    {
        ArgumentNullException.ThrowIfNull(http);
        var etag = CommandHttp.ETagOf(version);
        http.Response.Headers.ETag = etag;
        return sameAllDays && NamesCurrent(http.Request.Headers.IfNoneMatch, etag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Ok(body);
    }

    /// <summary>If-None-Match compares weakly (RFC 9110 13.1.2): <c>W/"7"</c> names version 7 as <c>"7"</c> does; <c>*</c> names any.</summary>
    private static bool NamesCurrent(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag) =>
        ifNoneMatch.SelectMany(value => (value ?? string.Empty).Split(','))
            .Select(tag => tag.Trim())
            .Any(tag => tag == "*" || (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == etag);

    private static FundId ParseRoute(string fundId)
    {
        var f = new Fields();
        var id = RouteFund(f, fundId);
        f.ThrowIfAny();
        return id;
    }

    /// <summary>The fund's books are for those who oversee its country (the fund itself is in the public directory).</summary>
    private static async Task<FundId> OverseenAsync(HttpContext http, StartupFundLedger ledger, string fundId, CancellationToken token)
    {
        var id = ParseRoute(fundId);
        var country = await Scopes.FundCountryAsync(ledger, id, token);
        Scopes.Require(Scopes.CallerOf(http).CanOversee(country), $"The books of {country} funds are for its fund managers, its regulators and administrators.");
        return id;
    }

    private static FundId RouteFund(Fields f, string fundId) => f.Try("fundId", () => new FundId(fundId));

    private static IResult FundNotFound(FundId id) => Problems.NotFound(ErrorCodes.FundNotFound, $"Fund {id} does not exist.");

    private static FundPolicy? PolicyOf(Fields f, PolicyInput? input, Currency currency)
    {
        if (input is null)
        {
            return null;
        }

        var ticketMin = f.Money("policy.ticketMin", input.TicketMin);
        var ticketMax = f.Money("policy.ticketMax", input.TicketMax);
        var scores = f.Number("policy.minimumReviewerScores", input.MinimumReviewerScores ?? 0, 0, Limits.MinimumReviewerScoresMax);
        var matching = MatchingOf(f, f.Required("policy.matching", input.Matching), currency);
        return new FundPolicy(ticketMin, ticketMax, matching!, scores);
    }

    private static MatchingPolicy? MatchingOf(Fields f, MatchingInput? input, Currency currency)
    {
        if (input is null)
        {
            return null;
        }

        if (input.Preset is { } preset)
        {
            if (input.Bands is not null || input.MaxPublicShare is not null)
            {
                f.Add("policy.matching", ErrorCodes.MatchingPolicyInvalid, "Give either a preset or bands/maxPublicShare, not both.");
                return null;
            }

            return preset.ToUpperInvariant() switch
            {
                "NONE" => ReadyMadePolicies.NoMatching,
                "UKFUTUREFUND" => ReadyMadePolicies.UkFutureFund,
                "ISRAELYOZMA" => ReadyMadePolicies.IsraelYozma,
                "SINGAPORESTARTUPSGEQUITY" => ReadyMadePolicies.SingaporeStartupSgEquity(currency),
                "EIF" => ReadyMadePolicies.Eif,
                _ => Invalid(),
            };

            MatchingPolicy? Invalid()
            {
                f.Add("policy.matching.preset", ErrorCodes.EnumInvalid, "preset must be one of: none, ukFutureFund, israelYozma, singaporeStartupSgEquity, eif.");
                return null;
            }
        }

        var bands = input.Bands ?? [];
        if (bands.Count > Limits.MatchingBandsMax)
        {
            f.Add("policy.matching.bands", ErrorCodes.MatchingPolicyInvalid, $"A policy has at most {Limits.MatchingBandsMax} bands.");
            return null;
        }

        var parsed = new List<MatchingBand>(bands.Count);
        for (var index = 0; index < bands.Count; index++)
        {
            var band = bands[index];
            var field = $"policy.matching.bands[{index}]";
            if (band is null)
            {
                f.Add(field, ErrorCodes.MatchingPolicyInvalid, "A band must be an object.");
                continue;
            }

            long? cap = band.UpToPublic is null ? null : f.Try(field + ".upToPublic", () => Money.Parse(band.UpToPublic, currency).MinorUnits);
            parsed.Add(new MatchingBand(cap,
                f.Number(field + ".publicParts", band.PublicParts, 1, MatchingBand.PartsMax),
                f.Number(field + ".privateParts", band.PrivateParts, 0, MatchingBand.PartsMax)));
        }

        Ratio? share = input.MaxPublicShare is { } s
            ? f.Try<Ratio?>("policy.matching.maxPublicShare", () => new Ratio(s.Numerator ?? -1, s.Denominator ?? 0))
            : null;
        return new MatchingPolicy(parsed, share);
    }

    /// <summary>The directory is for everyone signed in; a fund's money, sponsors and calls only for those who oversee its country.</summary>
    private static FundView AsSeenBy(HttpContext http, FundView fund) =>
        Scopes.CallerOf(http).CanOversee(fund.Country) ? fund : fund.WithoutFigures();
}
