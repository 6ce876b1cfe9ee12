using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funds;

namespace StartupFund.Domain.Funding;

/// <summary>
/// A startup changes the terms of its pending application; the fund's tickets still bound the amount requested.
/// Scores given before judged other terms (a request ten times larger, another stage), so they are withdrawn with
/// it and the reviewers score again: an approval never rests on scores of terms the startup no longer asks for.
/// </summary>
internal static class Amendment
{
    public static TwoStreamDecision Decide(AmendApplication command, ApplicationState application, FundState fund)
    {
        ApplicationRules.RequirePending(application);
        if (command is { Requested: null, Sector: null, Summary: null, Stage: null, Instrument: null })
        {
            throw DomainException.Invalid(ErrorCodes.ApplicationAmendmentEmpty,
                "An amendment must change at least one of: sector, stage, instrument, requested, summary.");
        }

        var requested = command.Requested is { } money
            ? money.RequireCurrency(application.Currency, "requested").RequirePositive("requested")
            : application.Money(application.RequestedMinor);
        var sector = command.Sector is null ? application.Sector : BoundedText.Required(command.Sector, Limits.SectorMaxLength, "Sector");
        var summary = command.Summary is null ? application.Summary : BoundedText.Required(command.Summary, Limits.TextMaxLength, "Summary");
        var stage = ApplicationRules.RequireDefined(command.Stage ?? application.Stage);
        var instrument = ApplicationRules.RequireDefined(command.Instrument ?? application.Instrument);
        if (sector == application.Sector && stage == application.Stage && instrument == application.Instrument
            && requested.MinorUnits == application.RequestedMinor && summary == application.Summary)
        {
            // The log cannot be edited: an amendment that changes nothing would stay in it for good.
            throw DomainException.Invalid(ErrorCodes.ApplicationAmendmentEmpty, "The amendment changes nothing: every value is the application's already.");
        }

        if (command.Requested is not null)
        {
            Submission.RequireAtLeastTicketMinimum(requested, fund);
        }

        var amended = new ApplicationAmended(command.ApplicationId, sector, stage, instrument, requested, summary, command.At);
        return application.Scores.Count == 0
            ? new TwoStreamDecision([amended], [])
            : new TwoStreamDecision(
                [amended, new ScoresWithdrawn(command.ApplicationId, application.Scores.Count, command.At)], []);
    }
}
