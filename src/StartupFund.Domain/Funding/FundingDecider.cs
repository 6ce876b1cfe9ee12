using StartupFund.Domain.Applications;
using StartupFund.Domain.Funds;

namespace StartupFund.Domain.Funding;

/// <summary>
/// Decisions over an application AND its fund. The handler loads both streams, calls
/// <see cref="Decide"/>, and appends both event lists in one transaction at the loaded versions,
/// so concurrent approvals can never over-commit a fund nor concurrent payments overdraw it.
/// </summary>
public static class FundingDecider
{
    public static TwoStreamDecision Decide(FundingCommand command, ApplicationState application, FundState fund)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(fund);
        if (command is SubmitApplication submit)
        {
            return Submission.Decide(submit, application, fund);
        }

        ApplicationRules.RequireExisting(application, command.ApplicationId);
        FundDecider.RequireExisting(fund, application.FundId);
        return command switch
        {
            AmendApplication amend => Amendment.Decide(amend, application, fund),
            ApproveApplication approve => ApprovalRules.Decide(approve, application, fund),
            DeclineOffer decline => ReleaseRules.Decline(decline, application, fund),
            DisburseTranche disburse => DisbursementRules.Decide(disburse, application, fund),
            ReverseDisbursement reverse => ReversalRules.Decide(reverse, application, fund),
            CancelRemainder cancel => ReleaseRules.Cancel(cancel, application, fund),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown funding command."),
        };
    }
}
