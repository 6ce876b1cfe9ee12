namespace StartupFund.Domain.Applications;

/// <summary>Evolve: how each application event changes the state. No rules here, only facts.</summary>
internal static class ApplicationEvolution
{
    public static ApplicationState Evolve(ApplicationState state, object @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        return @event switch
        {
            ApplicationSubmitted submitted => state with
            {
                Status = ApplicationStatus.Submitted,
                Id = submitted.ApplicationId,
                FundId = submitted.FundId,
                Startup = submitted.Startup,
                Sector = submitted.Sector,
                Stage = submitted.Stage,
                Instrument = submitted.Instrument,
                Currency = submitted.Requested.Currency,
                RequestedMinor = submitted.Requested.MinorUnits,
                Summary = submitted.Summary,
                SubmittedAt = submitted.SubmittedAt,
            },
            ApplicationAmended amended => state with
            {
                Sector = amended.Sector,
                Stage = amended.Stage,
                Instrument = amended.Instrument,
                RequestedMinor = amended.Requested.MinorUnits,
                Summary = amended.Summary,
            },
            ApplicationWithdrawn => state with { Status = ApplicationStatus.Withdrawn },
            ReviewStarted => state with { Status = ApplicationStatus.UnderReview },
            InformationRequested requested => state with { Status = ApplicationStatus.InformationRequested, OpenQuestion = requested.Question },
            InformationProvided => state with { Status = ApplicationStatus.UnderReview, OpenQuestion = null },
            ApplicationScored scored => state with { Scores = state.Scores.Add(scored.ReviewerId.Value, scored.Score) },
            ScoresWithdrawn => state with { Scores = state.Scores.Clear() },
            ApplicationApproved approved => state with
            {
                Status = ApplicationStatus.Approved,
                ApprovedMinor = approved.Amount.MinorUnits,
                DecidedAt = state.DecidedAt ?? approved.ApprovedAt,
                Tranches = [.. approved.Tranches.Select(plan => new TrancheState(
                    plan.TrancheNumber, plan.Amount.MinorUnits, plan.Milestone, plan.DueDate, MilestoneStatus.NotReported, Paid: false, Attempt: 1))],
            },
            ApplicationRejected rejected => state with { Status = ApplicationStatus.Rejected, DecidedAt = state.DecidedAt ?? rejected.RejectedAt },
            OfferAccepted => state with { Status = ApplicationStatus.Active },
            OfferDeclined => state with { Status = ApplicationStatus.OfferDeclined },
            CoInvestmentCommitted committed => state with
            {
                CoInvestors = state.CoInvestors.SetItem(
                    committed.InvestorId.Value,
                    state.CoInvestors.TryGetValue(committed.InvestorId.Value, out var investor)
                        ? investor with { CommittedMinor = investor.CommittedMinor + committed.Amount.MinorUnits }
                        : new CoInvestorPosition(committed.InvestorName, committed.Amount.MinorUnits, 0)),
            },
            CoInvestmentReceived received => WithInvestor(state, received.InvestorId, i => i with { ReceivedMinor = i.ReceivedMinor + received.Amount.MinorUnits }) with
            {
                CoInvestmentReceivedMinor = state.CoInvestmentReceivedMinor + received.Amount.MinorUnits,
                CoInvestmentReceivedByValueDate = Common.ValueDates.Add(state.CoInvestmentReceivedByValueDate, received.ValueDate, received.Amount.MinorUnits),
            },
            // A corrected receipt never counted for matching: it comes off every day from the application's submission on.
            CoInvestmentCorrected corrected => WithInvestor(state, corrected.InvestorId, i => i with
            {
                CommittedMinor = i.CommittedMinor - corrected.CommitmentReduced.MinorUnits,
                ReceivedMinor = i.ReceivedMinor - corrected.ReceivedReversed.MinorUnits,
            }) with
            {
                CoInvestmentReceivedMinor = state.CoInvestmentReceivedMinor - corrected.ReceivedReversed.MinorUnits,
                CoInvestmentReceivedByValueDate = Common.ValueDates.Add(state.CoInvestmentReceivedByValueDate, state.SubmittedOn, -corrected.ReceivedReversed.MinorUnits),
            },
            MilestoneReported reported => WithTranche(state, reported.TrancheNumber, t => t with { MilestoneStatus = MilestoneStatus.Reported }),
            MilestoneVerified verified => WithTranche(state, verified.TrancheNumber, t => t with { MilestoneStatus = MilestoneStatus.Verified }),
            TrancheDisbursed disbursed => Paid(state, disbursed),
            TrancheDisbursementReversed reversed => WithTranche(state, reversed.TrancheNumber, t => t with { Paid = false, Attempt = t.Attempt + 1, PaidOn = null }) with
            {
                Status = state.Status == ApplicationStatus.Cancelled ? ApplicationStatus.Cancelled : ApplicationStatus.Active,
                PaidMinor = state.PaidMinor - reversed.Amount.MinorUnits,
            },
            RemainderCancelled => state with { Status = ApplicationStatus.Cancelled },

            // What was received stays received (it reached the startup); nothing more is expected of anyone.
            CoInvestmentsReleased => state with
            {
                CoInvestors = state.CoInvestors.SetItems(state.CoInvestors.Select(
                    investor => KeyValuePair.Create(investor.Key, investor.Value with { CommittedMinor = investor.Value.ReceivedMinor }))),
            },
            _ => state,
        };
    }

    private static ApplicationState Paid(ApplicationState state, TrancheDisbursed disbursed)
    {
        var next = WithTranche(state, disbursed.TrancheNumber, t => t with { Paid = true, PaidOn = disbursed.ValueDate });
        return next with
        {
            PaidMinor = state.PaidMinor + disbursed.Amount.MinorUnits,
            Status = next.Tranches.All(t => t.Paid) ? ApplicationStatus.FullyPaid : ApplicationStatus.Active,
        };
    }

    private static ApplicationState WithInvestor(ApplicationState state, InvestorId investorId, Func<CoInvestorPosition, CoInvestorPosition> change) =>
        state with { CoInvestors = state.CoInvestors.SetItem(investorId.Value, change(state.CoInvestors[investorId.Value])) };

    private static ApplicationState WithTranche(ApplicationState state, int trancheNumber, Func<TrancheState, TrancheState> change) =>
        state with { Tranches = state.Tranches.SetItem(trancheNumber - 1, change(state.Tranches[trancheNumber - 1])) };
}
