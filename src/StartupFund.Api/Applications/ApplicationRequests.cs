using StartupFund.Api.Http;

namespace StartupFund.Api.Applications;

public sealed class StartupInput
{
    /// <summary>Optional; a new id is made when absent.</summary>
    public string? StartupId { get; init; }

    public string? Name { get; init; }

    public string? RegistrationNumber { get; init; }

    public string? Country { get; init; }
}

public sealed class SubmitApplicationRequest
{
    /// <summary>Optional; a new id is made when absent.</summary>
    public string? Id { get; init; }

    public string? FundId { get; init; }

    public StartupInput? Startup { get; init; }

    public string? Sector { get; init; }

    /// <summary>preSeed, seed, seriesA, seriesB, growth.</summary>
    public string? Stage { get; init; }

    /// <summary>equity, convertibleLoan, grant.</summary>
    public string? Instrument { get; init; }

    public MoneyInput? Requested { get; init; }

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

public sealed class ReasonRequest
{
    public string? Reason { get; init; }
}

public sealed class EmptyRequest;

public sealed class QuestionRequest
{
    public string? Question { get; init; }
}

public sealed class AnswerRequest
{
    public string? Answer { get; init; }
}

public sealed class ScoreRequest
{
    /// <summary>Optional: the reviewer is always the caller; if given, it must be the caller's own id.</summary>
    public string? ReviewerId { get; init; }

    public int? Score { get; init; }

    public string? Comment { get; init; }
}

public sealed class RejectRequest
{
    public string? ReasonCode { get; init; }

    public string? Reason { get; init; }
}

public sealed class TrancheInput
{
    public MoneyInput? Amount { get; init; }

    public string? Milestone { get; init; }

    public string? DueDate { get; init; }
}

public sealed class ApproveRequest
{
    public MoneyInput? Amount { get; init; }

    public IReadOnlyList<TrancheInput>? Tranches { get; init; }
}

public sealed class CoInvestmentRequest
{
    public string? InvestorId { get; init; }

    public string? InvestorName { get; init; }

    public MoneyInput? Amount { get; init; }

    /// <summary>When the money has already arrived, its value date: the commitment and its receipt are then recorded together.</summary>
    public string? ValueDate { get; init; }
}

public sealed class CoInvestmentReceiptRequest
{
    public MoneyInput? Amount { get; init; }

    public string? ValueDate { get; init; }
}

public sealed class EvidenceRequest
{
    public string? Evidence { get; init; }
}

public sealed class NoteRequest
{
    public string? Note { get; init; }
}

public sealed class DisburseRequest
{
    public string? ValueDate { get; init; }

    public string? PaymentReference { get; init; }
}
