using static StartupFund.Api.Tests.Security.Personas;
using static StartupFund.Api.Tests.Support.Builders;

namespace StartupFund.Api.Tests.Security;

/// <summary>What a persona gets from an endpoint: admitted (the request reaches the rules: 2xx, or a 400/409/422 of the domain), 401, 403, or 404.</summary>
public enum Outcome
{
    Admitted,
    Unauthenticated,
    Forbidden,
    Hidden,
}

/// <summary>One endpoint of the matrix: a request to the matrix's resources and what each persona gets (Forbidden unless listed).</summary>
public sealed record MatrixRow(string Path, object? Body, IReadOnlyDictionary<string, Outcome> Outcomes, bool Anonymous = false)
{
    public Outcome For(string persona) =>
        Anonymous ? Outcome.Admitted
        : persona == Personas.Anonymous ? Outcome.Unauthenticated
        : Outcomes.GetValueOrDefault(persona, Outcome.Forbidden);
}

/// <summary>
/// Who may call what, endpoint by endpoint, as docs/security.md's table says. Keyed by "METHOD route
/// template": the matrix test fails for an endpoint of the app that has no row here, and for a row
/// that names no endpoint.
/// </summary>
public static class AccessMatrix
{
    private const string A = "/applications/" + AppId;

    private static readonly string[] Everyone = [Admin, ManagerIn, ManagerOut, StartupOwn, StartupOther, InvestorOwn, InvestorOther, RegulatorIn, RegulatorOut, RegulatorGlobal];

    private static Dictionary<string, Outcome> Admit(params string[] personas) => personas.ToDictionary(p => p, _ => Outcome.Admitted, StringComparer.Ordinal);

    private static Dictionary<string, Outcome> With(this Dictionary<string, Outcome> outcomes, Outcome outcome, params string[] personas)
    {
        foreach (var persona in personas)
        {
            outcomes[persona] = outcome;
        }

        return outcomes;
    }

    private static Dictionary<string, Outcome> Overseers() => Admit(Admin, ManagerIn, RegulatorIn, RegulatorGlobal);

    private static Dictionary<string, Outcome> Auditors() => Admit(Admin, RegulatorIn, RegulatorGlobal);

    private static Dictionary<string, Outcome> Applicant() => Admit(StartupOwn).With(Outcome.Hidden, StartupOther);

    private static Dictionary<string, Outcome> Reviewer() => Admit(ManagerIn).With(Outcome.Hidden, ManagerOut);

    private static Dictionary<string, Outcome> CoInvestment() => Admit(InvestorOwn, ManagerIn).With(Outcome.Hidden, InvestorOther, ManagerOut);

    private static object M(string amount) => Money(amount, "EUR");

    public static IReadOnlyDictionary<string, MatrixRow> Rows { get; } = new Dictionary<string, MatrixRow>(StringComparer.Ordinal)
    {
        ["GET /health/live"] = new("/health/live", null, Admit(), Anonymous: true),
        ["GET /health/ready"] = new("/health/ready", null, Admit(), Anonymous: true),
        ["GET /openapi/{documentName}.json"] = new("/openapi/v1.json", null, Admit(), Anonymous: true),

        ["POST /funds"] = new("/funds", Fund("fund-matrix", "DE", "EUR", "1.00", "100.00", new { preset = "none" }), Admit(Admin)),
        ["POST /funds/{fundId}/commitments"] = new($"/funds/{FundId}/commitments",
            new { sponsorId = "gov2", sponsorName = "Ministry", kind = "government", amount = M("1.00") }, Admit(Admin)),
        ["POST /funds/{fundId}/capital-calls"] = new($"/funds/{FundId}/capital-calls",
            new { callId = "c-matrix", sponsorId = "gov", amount = M("1.00"), dueDate = "2026-04-01" }, Admit(Admin, ManagerIn)),
        ["POST /funds/{fundId}/capital-calls/{callId}/receipts"] = new($"/funds/{FundId}/capital-calls/c1/receipts",
            new { amount = M("1.00"), valueDate = "2026-04-01" }, Admit(Admin, ManagerIn)),
        ["POST /funds/{fundId}/closure"] = new($"/funds/{FundId}/closure", new { reason = "matrix" }, Admit(Admin)),
        ["GET /funds"] = new("/funds", null, Admit(Everyone)),
        ["GET /funds/{fundId}"] = new($"/funds/{FundId}", null, Admit(Everyone)),
        ["GET /funds/{fundId}/balance"] = new($"/funds/{FundId}/balance", null, Overseers()),
        ["GET /funds/{fundId}/journal"] = new($"/funds/{FundId}/journal", null, Overseers()),
        ["GET /funds/{fundId}/trial-balance"] = new($"/funds/{FundId}/trial-balance", null, Overseers()),

        ["POST /applications"] = new("/applications", SubmissionBody("app-matrix"), Admit(StartupOwn)),
        ["POST /applications/{applicationId}/amendments"] = new($"{A}/amendments", new { summary = "Amended." }, Applicant()),
        ["POST /applications/{applicationId}/withdrawal"] = new($"{A}/withdrawal", new { reason = "matrix" }, Applicant()),
        ["POST /applications/{applicationId}/information"] = new($"{A}/information", new { answer = "Yes." }, Applicant()),
        ["POST /applications/{applicationId}/offer/acceptance"] = new($"{A}/offer/acceptance", null, Applicant()),
        ["POST /applications/{applicationId}/offer/decline"] = new($"{A}/offer/decline", new { reason = "matrix" }, Applicant()),
        ["POST /applications/{applicationId}/tranches/{trancheNumber}/milestone/report"] = new($"{A}/tranches/1/milestone/report", new { evidence = "Done." }, Applicant()),
        ["POST /applications/{applicationId}/review"] = new($"{A}/review", null, Reviewer()),
        ["POST /applications/{applicationId}/information-requests"] = new($"{A}/information-requests", new { question = "Who?" }, Reviewer()),
        ["POST /applications/{applicationId}/scores"] = new($"{A}/scores", new { score = 3 }, Reviewer()),
        ["POST /applications/{applicationId}/rejection"] = new($"{A}/rejection", new { reasonCode = "matrix", reason = "matrix" }, Reviewer()),
        ["POST /applications/{applicationId}/approval"] = new($"{A}/approval", Approval("EUR", "1000.00"), Reviewer()),
        ["POST /applications/{applicationId}/tranches/{trancheNumber}/milestone/verification"] = new($"{A}/tranches/1/milestone/verification", null, Reviewer()),
        ["POST /applications/{applicationId}/tranches/{trancheNumber}/disbursement"] = new($"{A}/tranches/1/disbursement",
            new { valueDate = "2026-03-02", paymentReference = "PAY-M" }, Reviewer()),
        ["POST /applications/{applicationId}/tranches/{trancheNumber}/disbursement/reversal"] = new($"{A}/tranches/1/disbursement/reversal", new { reason = "matrix" }, Reviewer()),
        ["POST /applications/{applicationId}/cancellation"] = new($"{A}/cancellation", new { reason = "matrix" }, Reviewer()),
        ["POST /applications/{applicationId}/co-investments"] = new($"{A}/co-investments",
            new { investorId = OwnInvestor, investorName = "Angels", amount = M("1.00") }, CoInvestment()),
        ["POST /applications/{applicationId}/co-investments/{investorId}/receipts"] = new($"{A}/co-investments/{OwnInvestor}/receipts",
            new { amount = M("1.00"), valueDate = "2026-03-02" }, Reviewer()),
        ["POST /applications/{applicationId}/co-investments/{investorId}/correction"] = new($"{A}/co-investments/{OwnInvestor}/correction",
            new { receivedReversed = M("1.00"), reason = "matrix" }, Reviewer()),
        ["GET /applications"] = new("/applications", null, Admit(Admin, ManagerIn, ManagerOut, StartupOwn, StartupOther, RegulatorIn, RegulatorOut, RegulatorGlobal, InvestorOwn, InvestorOther)),
        ["GET /applications/{applicationId}"] = new(A, null,
            Admit(Admin, ManagerIn, RegulatorIn, RegulatorGlobal, StartupOwn, InvestorOwn).With(Outcome.Hidden, ManagerOut, RegulatorOut, StartupOther, InvestorOther)),

        ["GET /applications/{applicationId}/history"] = new($"{A}/history", null,
            Admit(Admin, ManagerIn, RegulatorIn, RegulatorGlobal, StartupOwn, InvestorOwn).With(Outcome.Hidden, ManagerOut, RegulatorOut, StartupOther, InvestorOther)),

        ["GET /countries/{country}/balance"] = new("/countries/DE/balance", null, Overseers()),
        ["GET /countries/{country}/portfolio"] = new("/countries/DE/portfolio", null, Overseers()),

        ["GET /audit/events"] = new("/audit/events?country=DE", null, Auditors()),
        ["GET /audit/streams/{streamId}"] = new($"/audit/streams/fund:{FundId}", null, Auditors().With(Outcome.Hidden, RegulatorOut)),
        ["GET /audit/verify"] = new("/audit/verify?country=DE", null, Auditors()),
        ["GET /audit/digest"] = new("/audit/digest?country=DE", null, Auditors()),
        ["GET /audit/export"] = new("/audit/export?country=DE", null, Auditors()),
        ["GET /audit/digest/verify"] = new("/audit/digest/verify?country=DE&digest=1:" + new string('0', 64), null, Auditors()),
    };

    public static object SubmissionBody(string id) => new
    {
        id,
        fundId = FundId,
        startup = new { startupId = OwnStartup, name = "Own Startup GmbH", registrationNumber = "HRB 1", country = "DE" },
        sector = "AI",
        stage = "seed",
        instrument = "equity",
        requested = M("1000.00"),
        summary = "Matrix.",
    };
}
