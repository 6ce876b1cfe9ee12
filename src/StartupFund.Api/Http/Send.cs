using NodaTime;
using StartupFund.Api.Access;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.Ledger;

namespace StartupFund.Api.Http;

/// <summary>
/// The shared shape of a command endpoint: read and validate the body, build the domain command
/// (every bad field reported at once), hand it to the ledger, write the outcome.
/// </summary>
public static partial class Send
{
    public static Task<IResult> Fund<TRequest>(HttpContext http, StartupFundLedger ledger, Func<TRequest, Fields, Instant, FundCommand> build, bool allowEmpty = false)
        where TRequest : class, new() =>
        RunAsync<TRequest>(http, ledger, allowEmpty, (ledger, body, fields, now, request, token) =>
        {
            var command = build(body, fields, now);
            fields.ThrowIfAny();
            return ExecuteAsync(http, ledger, command, request, ledger.Commands.ExecuteAsync, token);
        });

    public static Task<IResult> Application<TRequest>(HttpContext http, StartupFundLedger ledger, Func<TRequest, Fields, Instant, ApplicationCommand> build, bool allowEmpty = false)
        where TRequest : class, new() =>
        RunAsync<TRequest>(http, ledger, allowEmpty, (ledger, body, fields, now, request, token) =>
        {
            var command = build(body, fields, now);
            fields.ThrowIfAny();
            return ExecuteAsync(http, ledger, command, request, ledger.Commands.ExecuteAsync, token);
        });

    public static Task<IResult> Funding<TRequest>(HttpContext http, StartupFundLedger ledger, Func<TRequest, Fields, Instant, FundingCommand> build, bool allowEmpty = false)
        where TRequest : class, new() =>
        RunAsync<TRequest>(http, ledger, allowEmpty, (ledger, body, fields, now, request, token) =>
        {
            var command = build(body, fields, now);
            fields.ThrowIfAny();
            return ExecuteAsync(http, ledger, command, request, ledger.Commands.ExecuteAsync, token);
        });

    private static async Task<Ledger.Pipeline.CommandOutcome> ExecuteAsync<TCommand>(HttpContext http, StartupFundLedger ledger, TCommand command,
        Ledger.Pipeline.CommandRequest request,
        Func<TCommand, Ledger.Pipeline.CommandRequest, CancellationToken, Task<Ledger.Pipeline.CommandOutcome>> execute, CancellationToken token)
        where TCommand : notnull
    {
        var applicationAccess = await CommandAccess.AuthorizeAsync(Scopes.CallerOf(http), ledger, command, token).ConfigureAwait(false);
        return await execute(command, request with { ApplicationAccess = applicationAccess }, token).ConfigureAwait(false);
    }

    private static async Task<IResult> RunAsync<TRequest>(HttpContext http, StartupFundLedger ledger, bool allowEmpty,
        Func<StartupFundLedger, TRequest, Fields, Instant, Ledger.Pipeline.CommandRequest, CancellationToken, Task<Ledger.Pipeline.CommandOutcome>> execute)
        where TRequest : class, new()
    {
        var (body, bytes) = await RequestBody.ReadAsync<TRequest>(http, allowEmpty).ConfigureAwait(false);
        var request = CommandHttp.RequestOf(http, bytes);
        var outcome = await execute(ledger, body, new Fields(), ledger.Clock.GetCurrentInstant(), request, http.RequestAborted).ConfigureAwait(false);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("StartupFund.Commands");
        LogCommand(logger, http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? typeof(TRequest).Name, http.Request.Path.Value ?? "/", outcome.Status, outcome.Version, outcome.Replayed, request.Metadata.Actor ?? string.Empty);
        return CommandHttp.Result(outcome);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {Command} on {Path} answered {Status} at version {Version} (replayed: {Replayed}, actor: {Actor})")]
    private static partial void LogCommand(ILogger logger, string command, string path, int status, long version, bool replayed, string actor);

    /// <summary>A new resource id when the client gave none: a prefix and 16 random hex digits.</summary>
    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..16];
}
