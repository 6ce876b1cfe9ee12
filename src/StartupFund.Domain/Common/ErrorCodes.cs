namespace StartupFund.Domain.Common;

/// <summary>Stable machine codes of every refusal; the HTTP edge returns them as ProblemDetails <c>code</c>.</summary>
public static class ErrorCodes
{
    public const string ApplicationAlreadySubmitted = "application.already_submitted";

    public const string ApplicationAmendmentEmpty = "application.amendment_empty";
    public const string ApplicationBelowTicketMinimum = "application.below_ticket_minimum";

    public const string ApplicationCountryMismatch = "application.country_mismatch";

    public const string ApplicationMismatch = "application.id_mismatch";

    public const string ApplicationNoInformationRequested = "application.no_information_requested";

    public const string ApplicationNoOpenOffer = "application.no_open_offer";

    public const string ApplicationNotFound = "application.not_found";

    public const string ApplicationNotFunding = "application.not_funding";

    public const string ApplicationNotPending = "application.not_pending";

    public const string ApplicationNotUnderReview = "application.not_under_review";

    public const string ApplicationReviewAlreadyStarted = "application.review_already_started";

    public const string ApprovalAboveTicketMaximum = "approval.above_ticket_maximum";

    public const string ApprovalBelowTicketMinimum = "approval.below_ticket_minimum";

    public const string ApprovalExceedsRequested = "approval.exceeds_requested";

    public const string ApprovalInsufficientScores = "approval.insufficient_scores";

    public const string CallDueDatePast = "call.due_date_past";

    public const string CallDueDateTooFar = "call.due_date_too_far";

    public const string CallDuplicate = "call.duplicate";

    public const string CallExceedsUncalled = "call.exceeds_uncalled";

    public const string CallUnknown = "call.unknown";

    public const string CoInvestmentCorrectionBelowReceived = "coinvestment.correction_below_received";

    public const string CoInvestmentCorrectionEmpty = "coinvestment.correction_empty";

    public const string CoInvestmentCorrectionExceedsReceived = "coinvestment.correction_exceeds_received";

    public const string CoInvestmentExceedsCommitment = "coinvestment.exceeds_commitment";

    public const string CoInvestmentTooManyInvestors = "coinvestment.too_many_investors";

    public const string CoInvestmentUnknownInvestor = "coinvestment.unknown_investor";

    public const string CountryUnknown = "country.unknown";

    public const string CurrencyNotLegalTender = "currency.not_legal_tender";

    public const string CurrencyUnknown = "currency.unknown";

    public const string DateInvalid = "date.invalid";

    public const string EnumInvalid = "value.invalid_choice";

    public const string FundAccountLimitExceeded = "fund.account_limit_exceeded";

    public const string FundAlreadyClosed = "fund.already_closed";

    public const string FundAlreadyOpened = "fund.already_opened";

    public const string FundClosed = "fund.closed";

    public const string FundInsufficientAvailable = "fund.insufficient_available";

    public const string FundInsufficientCash = "fund.insufficient_cash";

    public const string FundMismatch = "fund.id_mismatch";

    public const string FundNotFound = "fund.not_found";

    public const string FundPolicyInvalid = "fund.policy_invalid";

    public const string FundTooManyCalls = "fund.too_many_calls";

    public const string FundTooManySponsors = "fund.too_many_sponsors";

    public const string IdInvalid = "id.invalid";

    public const string MatchingPolicyInvalid = "matching.policy_invalid";

    public const string MatchingPublicCapExceeded = "matching.public_cap_exceeded";

    public const string MilestoneAlreadyVerified = "milestone.already_verified";

    public const string MilestoneNotReported = "milestone.not_reported";

    public const string MoneyAmountTooLarge = "money.amount_too_large";

    public const string MoneyCurrencyMismatch = "money.currency_mismatch";

    public const string MoneyInvalidFormat = "money.invalid_format";

    public const string MoneyNegative = "money.negative";

    public const string MoneyNotPositive = "money.not_positive";

    public const string MoneyOverflow = "money.overflow";

    public const string MoneyTooManyDecimals = "money.too_many_decimals";

    public const string OfferNotAccepted = "offer.not_accepted";

    public const string PaymentReferenceReused = "payment.reference_reused";

    public const string RatioInvalid = "ratio.invalid";

    public const string ReceiptExceedsOutstanding = "receipt.exceeds_outstanding";

    public const string ScoreAlreadyGiven = "score.already_given";

    public const string ScoreOutOfRange = "score.out_of_range";

    public const string ScoreTooMany = "score.too_many";

    public const string SponsorKindInvalid = "sponsor.kind_invalid";

    public const string SponsorKindMismatch = "sponsor.kind_mismatch";

    public const string SponsorUnknown = "sponsor.unknown";

    public const string TextInvalidCharacter = "text.invalid_character";

    public const string TextRequired = "text.required";

    public const string TextTooLong = "text.too_long";

    public const string TrancheAlreadyPaid = "tranche.already_paid";

    public const string TrancheDueDatePast = "tranche.due_date_past";

    public const string TrancheDueDatesOutOfOrder = "tranche.due_dates_out_of_order";

    public const string TrancheDueDateTooFar = "tranche.due_date_too_far";

    public const string TrancheMatchingNotMet = "tranche.matching_not_met";

    public const string TrancheMilestoneNotVerified = "tranche.milestone_not_verified";

    public const string TrancheNotFound = "tranche.not_found";

    public const string TrancheNotPaid = "tranche.not_paid";

    public const string TrancheOutOfOrder = "tranche.out_of_order";

    public const string TrancheReversalOutOfOrder = "tranche.reversal_out_of_order";

    public const string TrancheScheduleEmpty = "tranche.schedule_empty";

    public const string TrancheScheduleSumMismatch = "tranche.schedule_sum_mismatch";

    public const string TrancheScheduleTooLong = "tranche.schedule_too_long";

    public const string ValueDateTooEarly = "value_date.too_early";

    public const string ValueDateTooFarAhead = "value_date.too_far_ahead";

    /// <summary>Every code above, for documentation and for mapping tables at the edge.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ApplicationAlreadySubmitted,
        ApplicationAmendmentEmpty,
        ApplicationBelowTicketMinimum,
        ApplicationCountryMismatch,
        ApplicationMismatch,
        ApplicationNoInformationRequested,
        ApplicationNoOpenOffer,
        ApplicationNotFound,
        ApplicationNotFunding,
        ApplicationNotPending,
        ApplicationNotUnderReview,
        ApplicationReviewAlreadyStarted,
        ApprovalAboveTicketMaximum,
        ApprovalBelowTicketMinimum,
        ApprovalExceedsRequested,
        ApprovalInsufficientScores,
        CallDueDatePast,
        CallDueDateTooFar,
        CallDuplicate,
        CallExceedsUncalled,
        CallUnknown,
        CoInvestmentCorrectionBelowReceived,
        CoInvestmentCorrectionEmpty,
        CoInvestmentCorrectionExceedsReceived,
        CoInvestmentExceedsCommitment,
        CoInvestmentTooManyInvestors,
        CoInvestmentUnknownInvestor,
        CountryUnknown,
        CurrencyNotLegalTender,
        CurrencyUnknown,
        DateInvalid,
        EnumInvalid,
        FundAccountLimitExceeded,
        FundAlreadyClosed,
        FundAlreadyOpened,
        FundClosed,
        FundInsufficientAvailable,
        FundInsufficientCash,
        FundMismatch,
        FundNotFound,
        FundPolicyInvalid,
        FundTooManyCalls,
        FundTooManySponsors,
        IdInvalid,
        MatchingPolicyInvalid,
        MatchingPublicCapExceeded,
        MilestoneAlreadyVerified,
        MilestoneNotReported,
        MoneyAmountTooLarge,
        MoneyCurrencyMismatch,
        MoneyInvalidFormat,
        MoneyNegative,
        MoneyNotPositive,
        MoneyOverflow,
        MoneyTooManyDecimals,
        OfferNotAccepted,
        PaymentReferenceReused,
        RatioInvalid,
        ReceiptExceedsOutstanding,
        ScoreAlreadyGiven,
        ScoreOutOfRange,
        ScoreTooMany,
        SponsorKindInvalid,
        SponsorKindMismatch,
        SponsorUnknown,
        TextInvalidCharacter,
        TextRequired,
        TextTooLong,
        TrancheAlreadyPaid,
        TrancheDueDatePast,
        TrancheDueDatesOutOfOrder,
        TrancheDueDateTooFar,
        TrancheMatchingNotMet,
        TrancheMilestoneNotVerified,
        TrancheNotFound,
        TrancheNotPaid,
        TrancheOutOfOrder,
        TrancheReversalOutOfOrder,
        TrancheScheduleEmpty,
        TrancheScheduleSumMismatch,
        TrancheScheduleTooLong,
        ValueDateTooEarly,
        ValueDateTooFarAhead,
    ];
}
