using StartupFund.Domain.Applications;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.Ledger;
using StartupFund.Security;

namespace StartupFund.Api.Access;

/// <summary>
/// Which rule of <see cref="Caller"/> each command is judged by, with the scope it touches. Runs after
/// the body is valid and before anything is loaded for the decision; a refusal writes nothing.
/// The endpoint's policy has already checked the role.
/// </summary>
public static class CommandAccess
{
    public static async Task AuthorizeAsync(Caller caller, StartupFundLedger ledger, object command, CancellationToken cancellationToken)
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
            case CommitCoInvestment commit:
                await Scopes.ApplicationAsync(caller, ledger, commit.ApplicationId, (c, a) => c.CanRecordCoInvestment(a, commit.InvestorId.Value),
                    "A co-investor records only its own commitments.", cancellationToken).ConfigureAwait(false);
                break;
            case ReceiveCoInvestment receipt:
                await Scopes.ApplicationAsync(caller, ledger, receipt.ApplicationId, (c, a) => c.CanRecordCoInvestment(a, receipt.InvestorId.Value),
                    "A co-investor records only its own receipts.", cancellationToken).ConfigureAwait(false);
                break;
            case AmendApplication or WithdrawApplication or ProvideInformation or AcceptOffer or DeclineOffer or ReportMilestone:
                await Scopes.ApplicationAsync(caller, ledger, IdOf(command), (c, a) => c.CanActAsApplicant(a),
                    "Only the startup that applied does this.", cancellationToken).ConfigureAwait(false);
                break;
            case ApplicationCommand or FundingCommand:
                await Scopes.ApplicationAsync(caller, ledger, IdOf(command), (c, a) => c.CanReview(a),
                    "Only a fund manager of the application's country does this.", cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"No access rule for {command.GetType().Name}.");
        }
    }

    private static Domain.ApplicationId IdOf(object command) => command switch
    {
        ApplicationCommand a => a.ApplicationId,
        FundingCommand f => f.ApplicationId,
        _ => throw new InvalidOperationException($"{command.GetType().Name} names no application."),
    };
}
