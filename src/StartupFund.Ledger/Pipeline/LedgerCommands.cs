using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.EventStore;
using StartupFund.EventStore.Aggregates;
using StartupFund.Ledger.Views;

namespace StartupFund.Ledger.Pipeline;

/// <summary>Command handlers: one method per kind of decider, all through <see cref="CommandPipeline"/>.</summary>
public sealed class LedgerCommands
{
    private readonly EventStore.EventStore store;
    private readonly CommandPipeline pipeline;
    private readonly ApplicationFunds applicationFunds = new(capacity: 100_000);

    internal LedgerCommands(EventStore.EventStore store, CommandPipeline pipeline)
    {
        this.store = store;
        this.pipeline = pipeline;
    }

    /// <summary>A command over a fund's stream alone. Opening answers 201 with a Location.</summary>
    public Task<CommandOutcome> ExecuteAsync(FundCommand command, CommandRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        return pipeline.RunAsync(request, token => DecisionLoads.DecideAsync(store, mayRemember: true, async (loads, token) =>
        {
            var streamId = Streams.Fund(command.FundId);
            var loaded = await loads.LoadAsync<FundState>(streamId, token).ConfigureAwait(false);
            RequireIfMatch(request, streamId, loaded.Version);
            var events = FundDecider.Decide(command, loaded.State);
            var state = events.Aggregate(loaded.State, FundDecider.Evolve);
            var version = loaded.Version + events.Count;
            var created = command is OpenFund;
            return new Decision(
                [new StreamAppend(streamId, Streams.FundType, state.Country.Value, ExpectedVersion.Exact(loaded.Version), events)],
                streamId,
                created ? 201 : 200,
                FundView.From(state, version, command.At),
                version,
                created ? $"/funds/{Uri.EscapeDataString(command.FundId.Value)}" : null);
        }, token), cancellationToken);
    }

    /// <summary>A command over an application's stream alone.</summary>
    public Task<CommandOutcome> ExecuteAsync(ApplicationCommand command, CommandRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        return pipeline.RunAsync(request, token => DecisionLoads.DecideAsync(store, mayRemember: true, async (loads, token) =>
        {
            var streamId = Streams.Application(command.ApplicationId);
            var loaded = await loads.LoadAsync<ApplicationState>(streamId, token).ConfigureAwait(false);
            request.ApplicationAccess?.Invoke(loaded.Version == 0 ? null : loaded.State);
            RequireIfMatch(request, streamId, loaded.Version);
            var events = ApplicationDecider.Decide(command, loaded.State);
            var state = events.Aggregate(loaded.State, ApplicationDecider.Evolve);
            var version = loaded.Version + events.Count;
            return new Decision(
                [new StreamAppend(streamId, Streams.ApplicationType, state.Startup?.Country.Value, ExpectedVersion.Exact(loaded.Version), events)],
                streamId, 200, ApplicationView.From(state, version, command.At, command.At.InUtc().Date), version, null);
        }, token), cancellationToken);
    }

    /// <summary>
    /// A command over an application and its fund: both streams are loaded, decided together and
    /// appended in one transaction, each at its loaded version. If-Match applies to the application.
    /// </summary>
    public Task<CommandOutcome> ExecuteAsync(FundingCommand command, CommandRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        // A submission or an amendment leaves its fund unwritten, so a decision on a remembered fund could not stand
        // and would be made again: read both from the start.
        return pipeline.RunAsync(request, token => DecisionLoads.DecideAsync(store, mayRemember: command is not (SubmitApplication or AmendApplication), async (loads, token) =>
        {
            var applicationStreamId = Streams.Application(command.ApplicationId);
            var (application, fund, readTogether) = await LoadAsync(loads, command, applicationStreamId, token).ConfigureAwait(false);
            request.ApplicationAccess?.Invoke(application.Version == 0 ? null : application.State);
            RequireIfMatch(request, applicationStreamId, application.Version);
            TwoStreamDecision decision;
            try
            {
                decision = FundingDecider.Decide(command, application.State, fund.State);
            }
            catch (Exception e) when (fund.StreamId is not null && !readTogether && !loads.AnyRemembered
                && e is DomainException { Error.Kind: DomainErrorKind.BusinessRule } or InvariantViolatedException)
            {
                await RequireUnmovedAsync(request, applicationStreamId, application.Version, token).ConfigureAwait(false);
                throw;
            }

            var state = decision.ApplicationEvents.Aggregate(application.State, ApplicationDecider.Evolve);
            var version = application.Version + decision.ApplicationEvents.Count;
            var country = state.Startup?.Country.Value;
            var appends = new List<StreamAppend>(2);
            if (decision.ApplicationEvents.Count > 0)
            {
                appends.Add(new StreamAppend(applicationStreamId, Streams.ApplicationType, country,
                    ExpectedVersion.Exact(application.Version), decision.ApplicationEvents));
            }

            if (decision.FundEvents.Count > 0)
            {
                appends.Add(new StreamAppend(fund.StreamId!, Streams.FundType, fund.State.Country.Value,
                    ExpectedVersion.Exact(fund.Version), decision.FundEvents));
            }

            var created = command is SubmitApplication;
            return new Decision(appends, applicationStreamId, created ? 201 : 200, ApplicationView.From(state, version, command.At, command.At.InUtc().Date), version,
                created ? $"/applications/{Uri.EscapeDataString(command.ApplicationId.Value)}" : null);
        }, token), cancellationToken);
    }

    /// <summary>
    /// The application, then its fund (a submission names it; otherwise the application does). When
    /// the fund is known before the application is read, both are loaded together (read in one round
    /// trip, as of one moment); otherwise one after the other.
    /// </summary>
    private async Task<(LoadedAggregate<ApplicationState> Application, LoadedFund Fund, bool ReadTogether)> LoadAsync(
        DecisionLoads loads, FundingCommand command, string applicationStreamId, CancellationToken cancellationToken)
    {
        LoadedAggregate<ApplicationState> application;
        LoadedFund? fund = null;
        var known = command is SubmitApplication submit ? submit.FundId : applicationFunds.Find(command.ApplicationId);
        if (known is { } knownFund)
        {
            var (loadedApplication, loadedFund) = await loads.LoadAsync<ApplicationState, FundState>(
                applicationStreamId, Streams.Fund(knownFund), cancellationToken).ConfigureAwait(false);
            application = loadedApplication;
            fund = new LoadedFund(Streams.Fund(knownFund), loadedFund.State, loadedFund.Version);
        }
        else
        {
            application = await loads.LoadAsync<ApplicationState>(applicationStreamId, cancellationToken).ConfigureAwait(false);
        }

        if (application.State.FundId.Value is not null && known != application.State.FundId)
        {
            applicationFunds.Remember(command.ApplicationId, application.State.FundId);
        }

        var fundId = command is SubmitApplication submission ? submission.FundId : application.State.FundId;
        if (fundId.Value is null)
        {
            return (application, new LoadedFund(null, FundState.Initial, 0), true);
        }

        if (fund?.StreamId == Streams.Fund(fundId))
        {
            return (application, fund, true);
        }

        var loaded = await loads.LoadAsync<FundState>(Streams.Fund(fundId), cancellationToken).ConfigureAwait(false);
        return (application, new LoadedFund(Streams.Fund(fundId), loaded.State, loaded.Version), false);
    }

    /// <summary>
    /// When the fund is not known beforehand (or was remembered wrongly), the application and its
    /// fund are read one after the other, so a command landing between the two reads leaves a pair
    /// from two moments. A decision on such a pair never commits: the append checks the
    /// application's version, and the fund was read after the application, so if the application
    /// has not moved by the commit the pair was one real state. But a refusal by a business rule, or
    /// a broken invariant, would be given as it is: before either is believed, the application must
    /// still be at the version it was loaded at.
    /// (Rules that judge the input alone do not depend on the state and are not checked.)
    /// </summary>
    private async Task RequireUnmovedAsync(CommandRequest request, string streamId, long loadedVersion, CancellationToken cancellationToken)
    {
        var current = (await store.GetStreamAsync(streamId, cancellationToken).ConfigureAwait(false))?.Version ?? 0;
        if (current == loadedVersion)
        {
            return;
        }

        if (request.IfMatch is { } expected)
        {
            throw new VersionMismatchException(streamId, expected, current);
        }

        throw new ConcurrencyException(streamId, ExpectedVersion.Exact(loadedVersion), current);
    }

    private static void RequireIfMatch(CommandRequest request, string streamId, long loadedVersion)
    {
        if (request.IfMatch is { } expected && expected != loadedVersion)
        {
            throw new VersionMismatchException(streamId, expected, loadedVersion);
        }
    }

    private sealed record LoadedFund(string? StreamId, FundState State, long Version);
}
