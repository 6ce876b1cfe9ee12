using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Funding;

/// <summary>A startup applies to an open fund of its own country, in the fund's currency.</summary>
internal static class Submission
{
    public static TwoStreamDecision Decide(SubmitApplication command, ApplicationState application, FundState fund)
    {
        if (application.Status != ApplicationStatus.None)
        {
            throw DomainException.Rule(ErrorCodes.ApplicationAlreadySubmitted, $"Application {command.ApplicationId} already exists.");
        }

        FundDecider.RequireExisting(fund, command.FundId);
        FundDecider.RequireOpen(fund);
        ArgumentNullException.ThrowIfNull(command.Startup);
        if (command.Startup.Country != fund.Country)
        {
            throw DomainException.Rule(
                ErrorCodes.ApplicationCountryMismatch,
                $"Fund {fund.Id} funds startups of {fund.Country}, not {command.Startup.Country}.");
        }

        var requested = RequireAtLeastTicketMinimum(command.Requested.RequireCurrency(fund.Currency, "requested").RequirePositive("requested"), fund);
        var startup = command.Startup with
        {
            Name = BoundedText.Required(command.Startup.Name, Limits.NameMaxLength, "Startup name"),
            RegistrationNumber = BoundedText.Required(command.Startup.RegistrationNumber, Limits.ReferenceMaxLength, "Registration number"),
        };
        var submitted = new ApplicationSubmitted(
            command.ApplicationId,
            command.FundId,
            startup,
            BoundedText.Required(command.Sector, Limits.SectorMaxLength, "Sector"),
            ApplicationRules.RequireDefined(command.Stage),
            ApplicationRules.RequireDefined(command.Instrument),
            requested,
            BoundedText.Required(command.Summary, Limits.TextMaxLength, "Summary"),
            command.At);
        return new TwoStreamDecision([submitted], []);
    }

    /// <summary>An approval is at most the amount requested and at least the fund's minimum ticket, so a smaller request could never be funded.</summary>
    public static Money RequireAtLeastTicketMinimum(Money requested, FundState fund)
    {
        if (requested < fund.Policy!.TicketMin)
        {
            throw DomainException.Rule(ErrorCodes.ApplicationBelowTicketMinimum,
                $"{requested} is below the fund's minimum ticket of {fund.Policy.TicketMin}; ask for at least that.", "requested");
        }

        return requested;
    }
}
