using StartupFund.Api.Access;
using StartupFund.Api.Funds;
using StartupFund.Api.Http;
using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Values;
using StartupFund.Ledger;
using StartupFund.Ledger.Views;
using StartupFund.Security;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Api.Applications;

/// <summary>/applications: the startup's request through review, decision, offer, co-investment, milestones and payments.</summary>
public static class ApplicationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var applications = app.MapGroup("/applications").WithTags("Applications");

        applications.MapPost("/", (HttpContext http, StartupFundLedger ledger) => Send.Funding<SubmitApplicationRequest>(http, ledger, (body, f, now) =>
        {
            var id = f.Try("id", () => new ApplicationId(body.Id ?? Send.NewId("app")));
            var fundId = f.Required("fundId", body.FundId, id => new FundId(id));
            var startup = f.Required("startup", body.Startup);
            StartupProfile? profile = startup is null ? null : new StartupProfile(
                f.Try("startup.startupId", () => new StartupId(startup.StartupId ?? Scopes.CallerOf(http).StartupId ?? Send.NewId("startup"))),
                f.Text("startup.name", startup.Name, Limits.NameMaxLength),
                f.Text("startup.registrationNumber", startup.RegistrationNumber, Limits.ReferenceMaxLength),
                f.Required("startup.country", startup.Country, code => new CountryCode(code)));
            return new SubmitApplication(id, fundId, profile!,
                f.Text("sector", body.Sector, Limits.SectorMaxLength),
                f.Choice<Stage>("stage", body.Stage),
                f.Choice<Instrument>("instrument", body.Instrument),
                f.Money("requested", body.Requested),
                f.Text("summary", body.Summary, Limits.TextMaxLength),
                now);
        }))
        .Command<SubmitApplicationRequest, ApplicationView>("SubmitApplication", "A startup applies to an open fund of its country", created: true)
        .RequireAuthorization(Policies.Apply);

        applications.MapPost("/{applicationId}/amendments", (string applicationId, HttpContext http, StartupFundLedger ledger) =>
            Send.Funding<AmendApplicationRequest>(http, ledger, (body, f, now) => new AmendApplication(
                Route(f, applicationId),
                f.OptionalText("sector", body.Sector, Limits.SectorMaxLength),
                f.OptionalChoice<Stage>("stage", body.Stage),
                f.OptionalChoice<Instrument>("instrument", body.Instrument),
                f.OptionalMoney("requested", body.Requested),
                f.OptionalText("summary", body.Summary, Limits.TextMaxLength),
                now)))
        .Command<AmendApplicationRequest, ApplicationView>("AmendApplication", "Change the terms of a pending application")
        .RequireAuthorization(Policies.Apply);

        applications.MapPost("/{applicationId}/withdrawal", (string applicationId, HttpContext http, StartupFundLedger ledger) =>
            Send.Application<ReasonRequest>(http, ledger, (body, f, now) => new WithdrawApplication(
                Route(f, applicationId), f.OptionalText("reason", body.Reason, Limits.ReasonMaxLength) ?? string.Empty, now), allowEmpty: true))
        .Command<ReasonRequest, ApplicationView>("WithdrawApplication", "The startup withdraws a pending application", bodyOptional: true)
        .RequireAuthorization(Policies.Apply);

        applications.MapPost("/{applicationId}/review", (string applicationId, HttpContext http, StartupFundLedger ledger) =>
            Send.Application<EmptyRequest>(http, ledger, (_, f, now) => new StartReview(Route(f, applicationId), now), allowEmpty: true))
        .Command<EmptyRequest, ApplicationView>("StartReview", "The fund starts reviewing the application", bodyOptional: true)
        .RequireAuthorization(Policies.Review);

        applications.MapPost("/{applicationId}/information-requests", (string applicationId, HttpContext http, StartupFundLedger ledger) =>
            Send.Application<QuestionRequest>(http, ledger, (body, f, now) => new RequestInformation(
                Route(f, applicationId), f.Text("question", body.Question, Limits.TextMaxLength), now)))
        .Command<QuestionRequest, ApplicationView>("RequestInformation", "The fund asks the startup a question")
        .RequireAuthorization(Policies.Review);

        applications.MapPost("/{applicationId}/information", (string applicationId, HttpContext http, StartupFundLedger ledger) =>
            Send.Application<AnswerRequest>(http, ledger, (body, f, now) => new ProvideInformation(
                Route(f, applicationId), f.Text("answer", body.Answer, Limits.TextMaxLength), now)))
        .Command<AnswerRequest, ApplicationView>("ProvideInformation", "The startup answers the fund's question")
        .RequireAuthorization(Policies.Apply);

        applications.MapPost("/{applicationId}/scores", (string applicationId, HttpContext http, StartupFundLedger ledger) =>
            Send.Application<ScoreRequest>(http, ledger, (body, f, now) => new ScoreApplication(
                Route(f, applicationId),
                Reviewer(http, body.ReviewerId),
                f.Number("score", body.Score, Limits.ScoreMin, Limits.ScoreMax),
                f.OptionalText("comment", body.Comment, Limits.CommentMaxLength),
                now)))
        .Command<ScoreRequest, ApplicationView>("ScoreApplication", "A reviewer scores the application (1-5)")
        .RequireAuthorization(Policies.Review);

        applications.MapPost("/{applicationId}/rejection", (string applicationId, HttpContext http, StartupFundLedger ledger) =>
            Send.Application<RejectRequest>(http, ledger, (body, f, now) => new RejectApplication(
                Route(f, applicationId),
                f.Text("reasonCode", body.ReasonCode, Limits.CodeMaxLength),
                f.Text("reason", body.Reason, Limits.ReasonMaxLength),
                now)))
        .Command<RejectRequest, ApplicationView>("RejectApplication", "The fund rejects the application")
        .RequireAuthorization(Policies.Review);

        applications.MapPost("/{applicationId}/approval", (string applicationId, HttpContext http, StartupFundLedger ledger) =>
            Send.Funding<ApproveRequest>(http, ledger, (body, f, now) =>
            {
                var id = Route(f, applicationId);
                var amount = f.Money("amount", body.Amount);
                var tranches = f.Required("tranches", body.Tranches) ?? [];
                if (tranches.Count > Limits.TranchesPerApplicationMax)
                {
                    f.Add("tranches", ErrorCodes.TrancheScheduleTooLong, $"An approval has at most {Limits.TranchesPerApplicationMax} tranches.");
                    tranches = [];
                }

                var terms = tranches.Select((t, i) => t is null
                    ? new TrancheTerms(default, f.Text($"tranches[{i}]", null, 1), default)
                    : new TrancheTerms(
                        f.Money($"tranches[{i}].amount", t.Amount),
                        f.Text($"tranches[{i}].milestone", t.Milestone, Limits.ReasonMaxLength),
                        f.Date($"tranches[{i}].dueDate", t.DueDate))).ToList();
                return new ApproveApplication(id, amount, terms, now);
            }))
        .Command<ApproveRequest, ApplicationView>("ApproveApplication",
            "Approve with a tranche schedule: reserves the money in the fund in the same transaction (422 fund.insufficient_available when it does not fit)")
        .RequireAuthorization(Policies.Review);

        applications.MapPost("/{applicationId}/offer/acceptance", (string applicationId, HttpContext http, StartupFundLedger ledger) =>
            Send.Application<EmptyRequest>(http, ledger, (_, f, now) => new AcceptOffer(Route(f, applicationId), now), allowEmpty: true))
        .Command<EmptyRequest, ApplicationView>("AcceptOffer", "The startup accepts the offer", bodyOptional: true)
        .RequireAuthorization(Policies.Apply);

        applications.MapPost("/{applicationId}/offer/decline", (string applicationId, HttpContext http, StartupFundLedger ledger) =>
            Send.Funding<ReasonRequest>(http, ledger, (body, f, now) => new DeclineOffer(
                Route(f, applicationId), f.OptionalText("reason", body.Reason, Limits.ReasonMaxLength), now), allowEmpty: true))
        .Command<ReasonRequest, ApplicationView>("DeclineOffer", "The startup declines the offer; the reservation is released", bodyOptional: true)
        .RequireAuthorization(Policies.Apply);

        applications.MapPost("/{applicationId}/co-investments", (string applicationId, HttpContext http, StartupFundLedger ledger) =>
            Send.Application<CoInvestmentRequest>(http, ledger, (body, f, now) => new CommitCoInvestment(
                Route(f, applicationId),
                f.Required("investorId", body.InvestorId, id => new InvestorId(id)),
                f.Text("investorName", body.InvestorName, Limits.NameMaxLength),
                f.Money("amount", body.Amount),
                now,
                body.ValueDate is null ? null : f.Date("valueDate", body.ValueDate))))
        .Command<CoInvestmentRequest, ApplicationView>("CommitCoInvestment",
            "A private investor commits money beside the fund's; with valueDate (fund managers only) the money has also arrived, and the receipt is recorded with it")
        .RequireAuthorization(Policies.CoInvest);

        applications.MapPost("/{applicationId}/co-investments/{investorId}/receipts", (string applicationId, string investorId, HttpContext http, StartupFundLedger ledger) =>
            Send.Application<CoInvestmentReceiptRequest>(http, ledger, (body, f, now) => new ReceiveCoInvestment(
                Route(f, applicationId),
                f.Try("investorId", () => new InvestorId(investorId)),
                f.Money("amount", body.Amount),
                f.Date("valueDate", body.ValueDate),
                now)))
        .Command<CoInvestmentReceiptRequest, ApplicationView>("ReceiveCoInvestment",
            "Co-investment money actually arrived at the startup, booked by a fund manager from the statement that shows it")
        .RequireAuthorization(Policies.Review);

        applications.MapPost("/{applicationId}/co-investments/{investorId}/correction", (string applicationId, string investorId, HttpContext http, StartupFundLedger ledger) =>
            Send.Application<CoInvestmentCorrectionRequest>(http, ledger, (body, f, now) => new CorrectCoInvestment(
                Route(f, applicationId),
                f.Try("investorId", () => new InvestorId(investorId)),
                f.OptionalMoney("receivedReversed", body.ReceivedReversed),
                f.OptionalMoney("commitmentReduced", body.CommitmentReduced),
                f.Text("reason", body.Reason, Limits.ReasonMaxLength),
                now)))
        .Command<CoInvestmentCorrectionRequest, ApplicationView>("CorrectCoInvestment",
            "Correct an investor's booking: money booked as received that did not arrive (it then never counted for matching), a commitment recorded too large")
        .RequireAuthorization(Policies.Review);

        applications.MapPost("/{applicationId}/tranches/{trancheNumber}/milestone/report", (string applicationId, int trancheNumber, HttpContext http, StartupFundLedger ledger) =>
            Send.Application<EvidenceRequest>(http, ledger, (body, f, now) => new ReportMilestone(
                Route(f, applicationId), trancheNumber, f.Text("evidence", body.Evidence, Limits.TextMaxLength), now)))
        .Command<EvidenceRequest, ApplicationView>("ReportMilestone", "The startup reports a tranche's milestone as reached")
        .RequireAuthorization(Policies.Apply);

        applications.MapPost("/{applicationId}/tranches/{trancheNumber}/milestone/verification", (string applicationId, int trancheNumber, HttpContext http, StartupFundLedger ledger) =>
            Send.Application<NoteRequest>(http, ledger, (body, f, now) => new VerifyMilestone(
                Route(f, applicationId), trancheNumber, f.OptionalText("note", body.Note, Limits.CommentMaxLength), now), allowEmpty: true))
        .Command<NoteRequest, ApplicationView>("VerifyMilestone", "The fund verifies a reported milestone", bodyOptional: true)
        .RequireAuthorization(Policies.Review);

        applications.MapPost("/{applicationId}/tranches/{trancheNumber}/disbursement", (string applicationId, int trancheNumber, HttpContext http, StartupFundLedger ledger) =>
            Send.Funding<DisburseRequest>(http, ledger, (body, f, now) => new DisburseTranche(
                Route(f, applicationId), trancheNumber,
                f.Date("valueDate", body.ValueDate),
                f.Text("paymentReference", body.PaymentReference, Limits.ReferenceMaxLength),
                now)))
        .Command<DisburseRequest, ApplicationView>("DisburseTranche",
            "Pay a tranche: milestone verified, co-investment received covers its matching band, cash on hand suffices")
        .RequireAuthorization(Policies.Review);

        applications.MapPost("/{applicationId}/tranches/{trancheNumber}/disbursement/reversal", (string applicationId, int trancheNumber, HttpContext http, StartupFundLedger ledger) =>
            Send.Funding<ReversalRequest>(http, ledger, (body, f, now) => new ReverseDisbursement(
                Route(f, applicationId), trancheNumber, f.Text("reason", body.Reason, Limits.ReasonMaxLength), now,
                body.ValueDate is null ? null : f.Date("valueDate", body.ValueDate))))
        .Command<ReversalRequest, ApplicationView>("ReverseDisbursement",
            "A payment came back: cash and the tranche's reservation are restored; valueDate is the day it came back (today when left out)")
        .RequireAuthorization(Policies.Review);

        applications.MapPost("/{applicationId}/cancellation", (string applicationId, HttpContext http, StartupFundLedger ledger) =>
            Send.Funding<RequiredReasonRequest>(http, ledger, (body, f, now) => new CancelRemainder(
                Route(f, applicationId), f.Text("reason", body.Reason, Limits.ReasonMaxLength), now)))
        .Command<RequiredReasonRequest, ApplicationView>("CancelRemainder", "Cancel the unpaid remainder; its reservation returns to available-to-commit")
        .RequireAuthorization(Policies.Review);

        applications.MapGet("/", async (string? fundId, string? country, string? status, string? cursor, int? limit,
            HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
        {
            var f = new Fields();
            FundId? fund = fundId is null ? null : f.Try<FundId?>("fundId", () => new FundId(fundId));
            CountryCode? code = country is null ? null : f.Try<CountryCode?>("country", () => new CountryCode(country));
            ApplicationStatus? state = f.OptionalChoice<ApplicationStatus>("status", status);
            f.ThrowIfAny();
            var caller = Scopes.CallerOf(http);
            if (!caller.MayOversee && caller.MayApply)
            {
                // A startup lists its own applications only, within whatever it filters by (none without a startup id).
                return caller.StartupId is { } own
                    ? Results.Ok(await ledger.Queries.ListApplicationsOfStartupAsync(new StartupId(own), fund, code, state, cursor, limit, token))
                    : Results.Ok(new Page<ApplicationView>([], null));
            }

            if (!caller.MayOversee)
            {
                // A co-investor lists the applications it has invested in (none without an investor id).
                return Results.Ok(await ledger.Queries.ListApplicationsOfInvestorAsync(caller.InvestorId ?? string.Empty, fund, code, state, cursor, limit, token));
            }

            code = await ListScope.CountryAsync(caller, ledger, fund, code, token);
            return Results.Ok(await ledger.Queries.ListApplicationsAsync(fund, code, state, cursor, limit, token));
        })
        .Query<Page<ApplicationView>>("ListApplications",
            "List applications by fund, country or status (cursor-paginated): a country's for its overseers, a startup's own, a co-investor's investments")
        .RequireAuthorization(Policies.ListApplications);

        applications.MapGet("/{applicationId}", async (string applicationId, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
        {
            var f = new Fields();
            var id = Route(f, applicationId);
            f.ThrowIfAny();
            var view = await Scopes.ApplicationAsync(Scopes.CallerOf(http), ledger, id, (c, a) => c.CanRead(a), string.Empty, token);
            return FundEndpoints.Versioned(http, view, view.Version, sameAllDays: false);
        })
        .Query<ApplicationView>("GetApplication", "The application as the startup sees it: status, tranches, what is needed next", notFound: true)
        .RequireAuthorization(Policies.ReadApplications);
    }

    /// <summary>
    /// The reviewer is the caller: the minimum-scores rule counts people, so nobody may score under another
    /// name. <paramref name="named"/> (the body's optional reviewerId) may only name the caller.
    /// </summary>
    private static ReviewerId Reviewer(HttpContext http, string? named)
    {
        var caller = Scopes.CallerOf(http).Subject;
        Scopes.Require(named is null || named == caller, $"You score as yourself ({caller}): reviewerId may only name you, or be left out.");
        return new ReviewerId(caller);
    }

    private static ApplicationId Route(Fields f, string applicationId) => f.Try("applicationId", () => new ApplicationId(applicationId));
}
