using StartupFund.Domain.Applications;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.Ledger;
using StartupFund.Security;

namespace StartupFund.Api.Access;

/// <summary>
/// Which rule of <see cref="Caller"/> each command is judged by, with the scope it touches. Runs after
/// the body is valid; a refusal writes nothing. A rule about an application is returned, not judged
/// here: the command judges it on the application state it loads (<see cref="Ledger.Pipeline.CommandRequest.ApplicationAccess"/>).
/// The endpoint's policy has already checked the role.
/// </summary>
public static class CommandAccess
{
    public static async Task<Action<ApplicationState?>?> AuthorizeAsync(Caller caller, StartupFundLedger ledger, object command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        switch (command)
        {
            case OpenFund:
                Scopes.Require(caller.MayOpenFunds, "Only an administrator opens funds.");
                break;
            case CommitCapital or CloseFund:
                Scopes.Require(caller.MayManageSponsors, "Only an administrator manages sponsors' commitments and closes funds.");
                break;
            case CallCapital or ReceiveCapital:
                var country = await Scopes.FundCountryAsync(ledger, ((FundCommand)command).FundId, cancellationToken).ConfigureAwait(false);
                Scopes.Require(caller.CanRunTreasury(country), $"Capital calls and receipts of a {country} fund are for its fund managers.");
                break;
            case SubmitApplication submit:
                Scopes.Require(caller.IsStartup(submit.Startup.StartupId.Value), "A startup applies only under its own startup id (startup.startupId).");
                break;
            case CommitCoInvestment { ReceivedOn: null } commit:
                return Scopes.ApplicationRule(caller, commit.ApplicationId, (c, a) => c.CanCommitCoInvestment(a, commit.InvestorId.Value),
                    "A co-investor records only its own commitments.");
            case CommitCoInvestment commit:
                return Scopes.ApplicationRule(caller, commit.ApplicationId, (c, a) => c.CanBookCoInvestmentReceipt(a),
                    "A commitment with a valueDate also books the money as received, which only the fund's managers do, from the statement that shows it: commit without valueDate.");
            case ReceiveCoInvestment receipt:
                return Scopes.ApplicationRule(caller, receipt.ApplicationId, (c, a) => c.CanBookCoInvestmentReceipt(a),
                    "Co-investment received unlocks public money, so the fund's managers book it from the statement that shows it, not the investor.");
            case AmendApplication or WithdrawApplication or ProvideInformation or AcceptOffer or DeclineOffer or ReportMilestone:
                return Scopes.ApplicationRule(caller, IdOf(command), (c, a) => c.CanActAsApplicant(a), "Only the startup that applied does this.");
            case ApplicationCommand or FundingCommand:
                return Scopes.ApplicationRule(caller, IdOf(command), (c, a) => c.CanReview(a), "Only a fund manager of the application's country does this.");
            default:
                throw new InvalidOperationException($"No access rule for {command.GetType().Name}.");
        }

        return null;
    }

    private static Domain.ApplicationId IdOf(object command) => command switch
    {
        ApplicationCommand a => a.ApplicationId,
        FundingCommand f => f.ApplicationId,
        _ => throw new InvalidOperationException($"{command.GetType().Name} names no application."),
    };
}
