using StartupFund.Domain.Common;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Applications;

/// <summary>
/// The rules of an application that touch its own stream only: withdrawing, review, scoring,
/// rejection, the startup's acceptance, co-investment and milestones. Submission, amendment,
/// approval, declining, payment, reversal and cancellation also need the fund: see
/// <see cref="Funding.FundingDecider"/>.
/// </summary>
public static class ApplicationDecider
{
    public static ApplicationState Initial => ApplicationState.Initial;

    public static IReadOnlyList<object> Decide(ApplicationCommand command, ApplicationState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        ApplicationRules.RequireExisting(state, command.ApplicationId);
        return command switch
        {
            WithdrawApplication withdraw => [Withdraw(withdraw, state)],
            StartReview start => [Start(start, state)],
            RequestInformation request => [Request(request, state)],
            ProvideInformation provide => [Provide(provide, state)],
            ScoreApplication score => [Score(score, state)],
            RejectApplication reject => [Reject(reject, state)],
            AcceptOffer accept => [Accept(accept, state)],
            CommitCoInvestment commit => CommitCoInvestment(commit, state),
            ReceiveCoInvestment receive => [ReceiveCoInvestment(receive, state)],
            CorrectCoInvestment correct => [Correct(correct, state)],
            ReportMilestone report => [Report(report, state)],
            VerifyMilestone verify => [Verify(verify, state)],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown application command."),
        };
    }

    public static ApplicationState Evolve(ApplicationState state, object @event) =>
        ApplicationEvolution.Evolve(state, @event);

    /// <summary>Folds a stream from <see cref="Initial"/>.</summary>
    public static ApplicationState Fold(IEnumerable<object> events) => events.Aggregate(Initial, Evolve);

    private static ApplicationWithdrawn Withdraw(WithdrawApplication command, ApplicationState state)
    {
        ApplicationRules.RequirePending(state);
        var reason = BoundedText.Optional(command.Reason, Limits.ReasonMaxLength, "Reason");
        return new ApplicationWithdrawn(command.ApplicationId, reason, command.At);
    }

    private static ReviewStarted Start(StartReview command, ApplicationState state)
    {
        if (state.Status is ApplicationStatus.UnderReview or ApplicationStatus.InformationRequested)
        {
            throw DomainException.Rule(ErrorCodes.ApplicationReviewAlreadyStarted, "The review has already started.");
        }

        ApplicationRules.RequirePending(state);
        return new ReviewStarted(command.ApplicationId, command.At);
    }

    private static InformationRequested Request(RequestInformation command, ApplicationState state)
    {
        ApplicationRules.RequireStatus(state, ErrorCodes.ApplicationNotUnderReview, ApplicationStatus.UnderReview);
        var question = BoundedText.Required(command.Question, Limits.TextMaxLength, "Question");
        return new InformationRequested(command.ApplicationId, question, command.At);
    }

    private static InformationProvided Provide(ProvideInformation command, ApplicationState state)
    {
        ApplicationRules.RequireStatus(state, ErrorCodes.ApplicationNoInformationRequested, ApplicationStatus.InformationRequested);
        var answer = BoundedText.Required(command.Answer, Limits.TextMaxLength, "Answer");
        return new InformationProvided(command.ApplicationId, answer, command.At);
    }

    private static ApplicationScored Score(ScoreApplication command, ApplicationState state)
    {
        ApplicationRules.RequireStatus(
            state, ErrorCodes.ApplicationNotUnderReview, ApplicationStatus.UnderReview, ApplicationStatus.InformationRequested);
        if (command.Score is < Limits.ScoreMin or > Limits.ScoreMax)
        {
            throw DomainException.Invalid(ErrorCodes.ScoreOutOfRange, $"A score is {Limits.ScoreMin} to {Limits.ScoreMax}.", "score");
        }

        if (state.Scores.ContainsKey(command.ReviewerId.Value))
        {
            throw DomainException.Rule(ErrorCodes.ScoreAlreadyGiven, $"Reviewer {command.ReviewerId} has already scored.");
        }

        if (state.Scores.Count >= Limits.ReviewerScoresPerApplicationMax)
        {
            throw DomainException.Rule(ErrorCodes.ScoreTooMany, $"An application has at most {Limits.ReviewerScoresPerApplicationMax} scores.");
        }

        var comment = BoundedText.Optional(command.Comment, Limits.CommentMaxLength, "Comment");
        return new ApplicationScored(command.ApplicationId, command.ReviewerId, command.Score, comment, command.At);
    }

    private static ApplicationRejected Reject(RejectApplication command, ApplicationState state)
    {
        ApplicationRules.RequirePending(state);
        // A code counted in statistics ("out-of-scope"), so it has an id's shape, not free text.
        var code = Identifier.Validate(command.ReasonCode, "A reason code");
        var reason = BoundedText.Required(command.Reason, Limits.ReasonMaxLength, "Reason");
        return new ApplicationRejected(command.ApplicationId, code, reason, command.At);
    }

    private static OfferAccepted Accept(AcceptOffer command, ApplicationState state)
    {
        ApplicationRules.RequireStatus(state, ErrorCodes.ApplicationNoOpenOffer, ApplicationStatus.Approved);
        return new OfferAccepted(command.ApplicationId, command.At);
    }

    private static IReadOnlyList<object> CommitCoInvestment(CommitCoInvestment command, ApplicationState state)
    {
        var committed = Commit(command, state);
        if (command.ReceivedOn is not { } valueDate)
        {
            return [committed];
        }

        // The receipt is judged by its own rule, on the state the commitment leaves.
        var receipt = new ReceiveCoInvestment(command.ApplicationId, command.InvestorId, committed.Amount, valueDate, command.At);
        return [committed, ReceiveCoInvestment(receipt, Evolve(state, committed))];
    }

    private static CoInvestmentCommitted Commit(CommitCoInvestment command, ApplicationState state)
    {
        ApplicationRules.RequireStatus(state, ErrorCodes.ApplicationNotFunding, ApplicationStatus.Approved, ApplicationStatus.Active);
        var amount = command.Amount.RequireCurrency(state.Currency, "amount").RequirePositive("amount");
        var name = BoundedText.Required(command.InvestorName, Limits.NameMaxLength, "Investor name");
        if (!state.CoInvestors.ContainsKey(command.InvestorId.Value) && state.CoInvestors.Count >= Limits.CoInvestorsPerApplicationMax)
        {
            throw DomainException.Rule(
                ErrorCodes.CoInvestmentTooManyInvestors, $"An application has at most {Limits.CoInvestorsPerApplicationMax} co-investors.");
        }

        var committed = state.CoInvestors.TryGetValue(command.InvestorId.Value, out var investor) ? investor.CommittedMinor : 0;
        if (committed + amount.MinorUnits > Limits.AmountMaxMinor)
        {
            throw DomainException.Rule(ErrorCodes.MoneyAmountTooLarge, "The investor's commitment would exceed the amount limit.");
        }

        return new CoInvestmentCommitted(command.ApplicationId, state.FundId, command.InvestorId, name, amount, command.At);
    }

    private static CoInvestmentReceived ReceiveCoInvestment(ReceiveCoInvestment command, ApplicationState state)
    {
        ApplicationRules.RequireStatus(state, ErrorCodes.ApplicationNotFunding, [.. ApplicationStatuses.ReceivingCoInvestment]);
        ValueDates.Require(command.ValueDate, command.At, state.SubmittedOn, "the application's submission");
        var amount = command.Amount.RequireCurrency(state.Currency, "amount").RequirePositive("amount");
        if (!state.CoInvestors.TryGetValue(command.InvestorId.Value, out var investor))
        {
            throw DomainException.Rule(ErrorCodes.CoInvestmentUnknownInvestor, $"Investor {command.InvestorId} has not committed.");
        }

        if (amount.MinorUnits > investor.OutstandingMinor)
        {
            throw DomainException.Rule(
                ErrorCodes.CoInvestmentExceedsCommitment,
                $"Investor {command.InvestorId} has only {state.Money(investor.OutstandingMinor)} outstanding.", "amount");
        }

        return new CoInvestmentReceived(command.ApplicationId, state.FundId, command.InvestorId, amount, command.ValueDate, command.At);
    }

    private static CoInvestmentCorrected Correct(CorrectCoInvestment command, ApplicationState state)
    {
        ApplicationRules.RequireStatus(state, ErrorCodes.ApplicationNotFunding, [.. ApplicationStatuses.ReceivingCoInvestment]);
        var reason = BoundedText.Required(command.Reason, Limits.ReasonMaxLength, "Reason");
        var reversed = command.ReceivedReversed?.RequireCurrency(state.Currency, "receivedReversed").RequirePositive("receivedReversed") ?? new Money(0, state.Currency);
        var reduced = command.CommitmentReduced?.RequireCurrency(state.Currency, "commitmentReduced").RequirePositive("commitmentReduced") ?? new Money(0, state.Currency);
        if (reversed.MinorUnits == 0 && reduced.MinorUnits == 0)
        {
            throw DomainException.Invalid(ErrorCodes.CoInvestmentCorrectionEmpty, "Give receivedReversed, commitmentReduced or both: a correction changes something.");
        }

        if (!state.CoInvestors.TryGetValue(command.InvestorId.Value, out var investor))
        {
            throw DomainException.Rule(ErrorCodes.CoInvestmentUnknownInvestor, $"Investor {command.InvestorId} has not committed.");
        }

        if (reversed.MinorUnits > investor.ReceivedMinor)
        {
            throw DomainException.Rule(ErrorCodes.CoInvestmentCorrectionExceedsReceived,
                $"Investor {command.InvestorId} has {state.Money(investor.ReceivedMinor)} booked as received; no more can be reversed.", "receivedReversed");
        }

        var stillReceived = investor.ReceivedMinor - reversed.MinorUnits;
        if (investor.CommittedMinor - reduced.MinorUnits < stillReceived)
        {
            throw DomainException.Rule(ErrorCodes.CoInvestmentCorrectionBelowReceived,
                $"Investor {command.InvestorId} would have committed less than the {state.Money(stillReceived)} still booked as received: reverse the receipt first, or with it.",
                "commitmentReduced");
        }

        return new CoInvestmentCorrected(command.ApplicationId, state.FundId, command.InvestorId, reversed, reduced, reason, command.At);
    }

    private static MilestoneReported Report(ReportMilestone command, ApplicationState state)
    {
        ApplicationRules.RequireActive(state);
        var tranche = ApplicationRules.RequireTranche(state, command.TrancheNumber);
        ApplicationRules.RequireUnpaid(tranche);
        if (tranche.MilestoneStatus == MilestoneStatus.Verified)
        {
            throw DomainException.Rule(ErrorCodes.MilestoneAlreadyVerified, $"Milestone {tranche.TrancheNumber} is already verified.");
        }

        var evidence = BoundedText.Required(command.Evidence, Limits.TextMaxLength, "Evidence");
        return new MilestoneReported(command.ApplicationId, tranche.TrancheNumber, evidence, command.At);
    }

    private static MilestoneVerified Verify(VerifyMilestone command, ApplicationState state)
    {
        ApplicationRules.RequireActive(state);
        var tranche = ApplicationRules.RequireTranche(state, command.TrancheNumber);
        ApplicationRules.RequireUnpaid(tranche);
        if (tranche.MilestoneStatus == MilestoneStatus.Verified)
        {
            throw DomainException.Rule(ErrorCodes.MilestoneAlreadyVerified, $"Milestone {tranche.TrancheNumber} is already verified.");
        }

        if (tranche.MilestoneStatus != MilestoneStatus.Reported)
        {
            throw DomainException.Rule(ErrorCodes.MilestoneNotReported, $"Milestone {tranche.TrancheNumber} has not been reported.");
        }

        var note = BoundedText.Optional(command.Note, Limits.CommentMaxLength, "Note");
        return new MilestoneVerified(command.ApplicationId, tranche.TrancheNumber, note, command.At);
    }
}
