using System.ComponentModel.DataAnnotations;
using StartupFund.Api.Http;

namespace StartupFund.Api.Applications;

public sealed class StartupInput
{
    /// <summary>Optional; a new id is made when absent.</summary>
    public string? StartupId { get; init; }

    [Required]
    public string? Name { get; init; }

    [Required]
    public string? RegistrationNumber { get; init; }

    [Required]
    public string? Country { get; init; }
}

public sealed class SubmitApplicationRequest
{
    /// <summary>Optional; a new id is made when absent.</summary>
    public string? Id { get; init; }

    [Required]
    public string? FundId { get; init; }

    [Required]
    public StartupInput? Startup { get; init; }

    [Required]
    public string? Sector { get; init; }

    /// <summary>preSeed, seed, seriesA, seriesB, growth.</summary>
    [Required]
    public string? Stage { get; init; }

    /// <summary>equity, convertibleLoan, grant.</summary>
    [Required]
    public string? Instrument { get; init; }

    [Required]
    public MoneyInput? Requested { get; init; }

    [Required]
    public string? Summary { get; init; }
}

public sealed class AmendApplicationRequest
{
    public string? Sector { get; init; }

    public string? Stage { get; init; }

    public string? Instrument { get; init; }

    public MoneyInput? Requested { get; init; }

    public string? Summary { get; init; }
}

/// <summary>A reason the caller may give (withdrawal, declining an offer).</summary>
public sealed class ReasonRequest
{
    public string? Reason { get; init; }
}

/// <summary>A reason the caller must give (reversing a payment, cancelling a remainder).</summary>
public sealed class RequiredReasonRequest
{
    [Required]
    public string? Reason { get; init; }
}

public sealed class ReversalRequest
{
    [Required]
    public string? Reason { get; init; }

    /// <summary>The day the money came back to the fund; the day the reversal is recorded when left out.</summary>
    public string? ValueDate { get; init; }
}

public sealed class EmptyRequest;

public sealed class QuestionRequest
{
    [Required]
    public string? Question { get; init; }
}

public sealed class AnswerRequest
{
    [Required]
    public string? Answer { get; init; }
}

public sealed class ScoreRequest
{
    /// <summary>Optional: the reviewer is always the caller; if given, it must be the caller's own id.</summary>
    public string? ReviewerId { get; init; }

    [Required]
    public int? Score { get; init; }

    public string? Comment { get; init; }
}

public sealed class RejectRequest
{
    [Required]
    public string? ReasonCode { get; init; }

    [Required]
    public string? Reason { get; init; }
}

public sealed class TrancheInput
{
    [Required]
    public MoneyInput? Amount { get; init; }

    [Required]
    public string? Milestone { get; init; }

    [Required]
    public string? DueDate { get; init; }
}

public sealed class ApproveRequest
{
    [Required]
    public MoneyInput? Amount { get; init; }

    [Required]
    public IReadOnlyList<TrancheInput>? Tranches { get; init; }
}

public sealed class CoInvestmentRequest
{
    [Required]
    public string? InvestorId { get; init; }

    [Required]
    public string? InvestorName { get; init; }

    [Required]
    public MoneyInput? Amount { get; init; }

    /// <summary>When the money has already arrived, its value date: the commitment and its receipt are then recorded together.</summary>
    public string? ValueDate { get; init; }
}

public sealed class CoInvestmentReceiptRequest
{
    [Required]
    public MoneyInput? Amount { get; init; }

    [Required]
    public string? ValueDate { get; init; }
}

public sealed class CoInvestmentCorrectionRequest
{
    /// <summary>Money booked as received from the investor that did not arrive, or came back.</summary>
    public MoneyInput? ReceivedReversed { get; init; }

    /// <summary>How much less the investor committed than was recorded.</summary>
    public MoneyInput? CommitmentReduced { get; init; }

    [Required]
    public string? Reason { get; init; }
}

public sealed class EvidenceRequest
{
    [Required]
    public string? Evidence { get; init; }
}

public sealed class NoteRequest
{
    public string? Note { get; init; }
}

public sealed class DisburseRequest
{
    [Required]
    public string? ValueDate { get; init; }

    [Required]
    public string? PaymentReference { get; init; }
}
