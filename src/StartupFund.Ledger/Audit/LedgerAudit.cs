using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using NodaTime;
using NodaTime.Text;
using StartupFund.Domain.Common;
using StartupFund.Domain.Events;
using StartupFund.Domain.Values;
using StartupFund.EventStore;
using StartupFund.EventStore.Audit;
using StartupFund.EventStore.Hashing;
using StartupFund.EventStore.Serialization;
using StartupFund.Ledger.Json;
using StartupFund.Ledger.Pipeline;
using StartupFund.Ledger.Views;

namespace StartupFund.Ledger.Audit;

/// <summary>Stable codes of the audit queries' refusals (all 400s).</summary>
public static class AuditErrorCodes
{
    public const string InstantInvalid = "audit.instant_invalid";
    public const string RangeInvalid = "audit.range_invalid";
    public const string DigestInvalid = "audit.digest_invalid";
    public const string ScopeInvalid = "audit.scope_invalid";
}

/// <summary>Filters of the audit log; every one optional, all of them combined with "and".</summary>
public sealed record AuditFilter
{
    public const int MaxTextLength = 200;

    public string? Country { get; init; }

    /// <summary>A fund id: the fund's own stream and the streams of every application to it.</summary>
    public string? FundId { get; init; }

    public string? StreamId { get; init; }

    /// <summary>An event type alias (<c>funds-disbursed</c>).</summary>
    public string? EventType { get; init; }

    /// <summary>Inclusive lower bound on recorded-at.</summary>
    public Instant? RecordedFrom { get; init; }

    /// <summary>Inclusive upper bound on recorded-at.</summary>
    public Instant? RecordedTo { get; init; }

    public string? Actor { get; init; }

    public string? CorrelationId { get; init; }
}

/// <summary>One event of the log as a regulator sees it: where it sits, what it says, who caused it, its hash.</summary>
public sealed record AuditEventView(
    long Position,
    string TxId,
    Guid EventId,
    string StreamId,
    string StreamType,
    string? Country,
    long Version,
    string Type,
    JsonElement Data,
    JsonElement Metadata,
    Instant RecordedAt,
    string Hash);

public sealed record AuditStreamView(
    string StreamId, string StreamType, string? Country, long Version, string HeadHash, bool Archived, Instant CreatedAt, Instant UpdatedAt,
    IReadOnlyList<AuditEventView> Events);

public sealed record ChainBreakView(string StreamId, long Version, string Reason);

public sealed record VerificationView(string Scope, bool Clean, long StreamsChecked, long EventsChecked, ChainBreakView? FirstBreak, IReadOnlyList<ChainBreakView> Breaks);

public sealed record DigestView(string? Country, long Events, string CoveredUpTo, string Sha256, string Digest);

public sealed record DigestCheckView(string? Country, string Digest, bool Extends, DigestView Current);

/// <summary>
/// The regulator's read-only queries over the event store itself (never the read models): the log
/// with filters, a stream's history, hash-chain verification, digests, and time travel
/// (<see cref="AsOfAsync"/>).
/// </summary>
public sealed class LedgerAudit
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1_000;
    public const int MaxStreamEvents = 10_000;

    private static readonly Lazy<EventTypeRegistry> Registry = new(() =>
    {
        var registry = new EventTypeRegistry();
        foreach (var (type, alias) in EventAliases.All)
        {
            registry.Register(type, alias);
        }

        return registry;
    });

    /// <summary>Instants a query can carry to PostgreSQL (years 1 to 9999, as .NET's DateTime): "-0001-01-01T00:00:00Z" parses but is refused.</summary>
    private static readonly Interval Representable = new(
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc)),
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc)));

    private readonly EventStore.EventStore store;
    private readonly string es;

    public LedgerAudit(EventStore.EventStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
        es = store.Schema.Quoted;
    }

    /// <summary>Turns a stored event (alias and JSON) into its domain event, as the store does.</summary>
    public static object Deserialize(string alias, string json)
    {
        if (!Registry.Value.TryGetType(alias, out var type))
        {
            throw new UnknownEventTypeException($"Unknown event type alias '{alias}'.");
        }

        return JsonSerializer.Deserialize(json, type, LedgerJson.Storage) ?? throw new JsonException($"Event '{alias}' deserialized to null.");
    }

    /// <summary>Parses an ISO-8601 instant (<c>2026-03-31T23:59:59Z</c>) or refuses it with a 400 on <paramref name="field"/>.</summary>
    public static Instant ParseInstant(string field, string text)
    {
        var parsed = text.Length <= 64 ? InstantPattern.ExtendedIso.Parse(text) : null;
        return parsed is { Success: true } && Representable.Contains(parsed.Value)
            ? parsed.Value
            : throw new QueryException(AuditErrorCodes.InstantInvalid, field, $"{field} must be an ISO-8601 UTC instant of the years 1 to 9999, such as 2026-03-31T23:59:59Z.");
    }

    /// <summary>Parses a kept digest <c>EVENTS:SHA256</c> or refuses it with a 400.</summary>
    public static LogDigest ParseDigest(string field, string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var events)
            && parts[1].Length == 64 && parts[1].All(char.IsAsciiHexDigit))
        {
            return new LogDigest(events, LogCursor.Start, parts[1].ToLowerInvariant());
        }

        throw new QueryException(AuditErrorCodes.DigestInvalid, field, $"{field} must be EVENTS:SHA256 as 'digest' printed it (64 hex digits).");
    }

    /// <summary>The log in its gap-free order (transaction id, position), filtered and cursor-paginated.</summary>
    public async Task<Page<AuditEventView>> EventsAsync(AuditFilter filter, string? cursor, int? limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var size = limit switch
        {
            null => DefaultPageSize,
            < 1 or > MaxPageSize => throw new QueryException(LedgerErrorCodes.PageSizeInvalid, "limit", $"limit must be 1..{MaxPageSize}."),
            { } n => n,
        };
        if (filter.RecordedFrom is { } from && filter.RecordedTo is { } to && from > to)
        {
            throw new QueryException(AuditErrorCodes.RangeInvalid, "recordedFrom", "recordedFrom must not be after recordedTo.");
        }

        foreach (var (name, value) in new[] { ("country", filter.Country), ("fund", filter.FundId), ("stream", filter.StreamId),
                     ("type", filter.EventType), ("actor", filter.Actor), ("correlationId", filter.CorrelationId) })
        {
            if (value is { Length: 0 or > AuditFilter.MaxTextLength })
            {
                throw new QueryException(LedgerErrorCodes.FilterInvalid, name, $"{name} must be 1..{AuditFilter.MaxTextLength} characters.");
            }

            // Nothing stored holds a control character, and PostgreSQL refuses a NUL outright.
            if (value is not null && value.Any(char.IsControl))
            {
                throw new QueryException(LedgerErrorCodes.FilterInvalid, name, $"{name} must not contain control characters.");
            }
        }

        if (filter.StreamId is { } stream && !Streams.IsStreamId(stream))
        {
            // "de-app-aleph" for "application:de-app-aleph" would answer an empty page, which reads as "no events".
            throw new QueryException(LedgerErrorCodes.FilterInvalid, "stream",
                $"stream '{stream}' is not a stream id: a stream id is its type and id, such as fund:de-ai-fund or application:de-app-aleph.");
        }

        if (filter.EventType is { } type && !EventAliases.TryGetType(type, out _))
        {
            // Unchecked, a misspelt type would answer an empty page, which reads as "no such events".
            throw new QueryException(LedgerErrorCodes.FilterInvalid, "type",
                $"type '{type}' is not an event type; the types are {string.Join(", ", EventAliases.All.Select(e => e.Alias))}.");
        }

        var after = DecodeCursor(cursor);
        await using var command = store.DataSource.CreateCommand($"""
            select {Columns} from {es}.events e join {es}.streams s on s.id = e.stream_id
            where (e.tx_id, e.position) > ($1, $2) and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
              and ($3::text is null or s.country = $3)
              and ($4::text is null or e.stream_id = 'fund:' || $4 or e.stream_id in
                  (select a.stream_id from {es}.events a where a.version = 1 and a.type = 'application-submitted' and a.data->'fundId'->>'value' = $4))
              and ($5::text is null or e.stream_id = $5)
              and ($6::text is null or e.type = $6)
              and ($7::timestamptz is null or e.recorded_at >= $7)
              and ($8::timestamptz is null or e.recorded_at <= $8)
              and ($9::text is null or e.metadata->>'actor' = $9)
              and ($10::text is null or e.metadata->>'correlationId' = $10)
            order by e.tx_id, e.position
            limit $11
            """);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Xid8, Value = after.TxId });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Position });
        foreach (var text in new[] { filter.Country, filter.FundId, filter.StreamId, filter.EventType })
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)text ?? DBNull.Value });
        }

        command.Parameters.Add(Time(filter.RecordedFrom));
        command.Parameters.Add(Time(filter.RecordedTo));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)filter.Actor ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)filter.CorrelationId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = size + 1 });
        var items = await ReadEventsAsync(command, cancellationToken).ConfigureAwait(false);
        return items.Count > size
            ? new Page<AuditEventView>(items[..size], EncodeCursor(items[size - 1]))
            : new Page<AuditEventView>(items, null);
    }

    /// <summary>One stream's whole history in version order with every hash; null when the stream does not exist.</summary>
    public async Task<AuditStreamView?> StreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        if (streamId.Length is 0 or > 200 || streamId.Any(char.IsControl))
        {
            return null;
        }

        if (await store.GetStreamAsync(streamId, cancellationToken).ConfigureAwait(false) is not { } info)
        {
            return null;
        }

        await using var command = store.DataSource.CreateCommand($"""
            select {Columns} from {es}.events e join {es}.streams s on s.id = e.stream_id
            where e.stream_id = $1 order by e.version limit {MaxStreamEvents}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        var events = await ReadEventsAsync(command, cancellationToken).ConfigureAwait(false);
        return new AuditStreamView(info.Id, info.Type, info.Country, info.Version, Convert.ToHexStringLower(info.HeadHash), info.Archived,
            info.CreatedAt, info.UpdatedAt, events);
    }

    /// <summary>A stream's row (its country, version and head); null when there is no such stream.</summary>
    public async Task<StreamInfo?> FindStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = VerificationScope.Stream(streamId);
        }
        catch (ArgumentException e)
        {
            throw new QueryException(AuditErrorCodes.ScopeInvalid, "stream", e.PlainMessage());
        }

        return await store.GetStreamAsync(streamId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Recomputes the hash chains of everything, one country or one stream.</summary>
    public async Task<VerificationView> VerifyAsync(string? country, string? streamId, CancellationToken cancellationToken = default)
    {
        if (country is not null && streamId is not null)
        {
            throw new QueryException(AuditErrorCodes.ScopeInvalid, "stream", "Give a country or a stream, not both.");
        }

        VerificationScope scope;
        try
        {
            scope = streamId is not null ? VerificationScope.Stream(streamId)
                : country is not null ? VerificationScope.ForCountry(ValidCountry(country)!)
                : VerificationScope.Everything;
        }
        catch (ArgumentException e)
        {
            throw new QueryException(AuditErrorCodes.ScopeInvalid, streamId is not null ? "stream" : "country", e.PlainMessage());
        }

        var report = await store.VerifyAsync(scope, cancellationToken).ConfigureAwait(false);
        var breaks = report.Breaks.Select(b => new ChainBreakView(b.StreamId, b.Version, b.Reason)).ToList();
        var name = streamId is not null ? "stream:" + streamId : country is not null ? "country:" + country : "all";
        return new VerificationView(name, report.IsClean, report.StreamsChecked, report.EventsChecked, breaks.FirstOrDefault(), breaks);
    }

    public async Task<DigestView> DigestAsync(string? country, CancellationToken cancellationToken = default)
    {
        var digest = await store.ComputeDigestAsync(ValidCountry(country), null, cancellationToken).ConfigureAwait(false);
        return DigestView(country, digest);
    }

    /// <summary>Whether the log (or a country's) still begins with exactly the events a kept digest covered.</summary>
    public async Task<DigestCheckView> CheckDigestAsync(LogDigest kept, string? country, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kept);
        country = ValidCountry(country);
        var extends = await store.ExtendsAsync(kept, country, cancellationToken).ConfigureAwait(false);
        var current = await store.ComputeDigestAsync(country, null, cancellationToken).ConfigureAwait(false);
        return new DigestCheckView(country, $"{kept.Events}:{kept.Sha256}", extends, DigestView(country, current));
    }

    /// <summary>
    /// The read models as they were at <paramref name="asOf"/>, folded in memory from the events recorded
    /// up to it (one consistent snapshot of the committed log), never from today's tables.
    /// </summary>
    public Task<AsOfReadModel> AsOfAsync(Instant asOf, CancellationToken cancellationToken = default) => AsOfAsync(asOf, null, cancellationToken);

    /// <summary>
    /// As <see cref="AsOfAsync(Instant, CancellationToken)"/>, folding only the given streams (a fund's own
    /// stream is all <see cref="AsOfReadModel.Fund"/> needs); null folds every stream.
    /// </summary>
    public async Task<AsOfReadModel> AsOfAsync(Instant asOf, IReadOnlyList<string>? streamIds, CancellationToken cancellationToken = default)
    {
        var model = new AsOfReadModel(asOf);
        // a stream is folded over a prefix of its versions: it stops at its first version recorded after asOf
        // (clocks of several nodes may disagree), exactly as AsOfReadModel.Apply cuts it when given every event
        await using var command = store.DataSource.CreateCommand($"""
            with cut as (
                select stream_id, min(version) as first_after from {es}.events
                where recorded_at > $1 and ($2::text[] is null or stream_id = any($2)) group by stream_id)
            select e.stream_id, e.version, e.type, e.data::text, e.recorded_at
            from {es}.events e left join cut c on c.stream_id = e.stream_id
            where e.recorded_at <= $1 and ($2::text[] is null or e.stream_id = any($2))
              and (c.first_after is null or e.version < c.first_after)
            order by e.tx_id, e.position
            """);
        command.Parameters.Add(Time(asOf));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = (object?)streamIds?.ToArray() ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var streamId = reader.GetString(0);
            var version = reader.GetInt64(1);
            model.Apply(streamId, version, Deserialize(reader.GetString(2), reader.GetString(3)), Instant.FromDateTimeUtc(reader.GetDateTime(4)));
        }

        return model;
    }

    private const string Columns =
        "e.position, e.tx_id::text, e.id, e.stream_id, s.type, s.country, e.version, e.type, e.data::text, e.metadata::text, e.recorded_at, e.hash";

    private static async Task<List<AuditEventView>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var items = new List<AuditEventView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            using var data = JsonDocument.Parse(reader.GetString(8));
            using var metadata = JsonDocument.Parse(reader.GetString(9));
            items.Add(new AuditEventView(
                reader.GetInt64(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6), reader.GetString(7),
                data.RootElement.Clone(), metadata.RootElement.Clone(), Instant.FromDateTimeUtc(reader.GetDateTime(10)),
                Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(11))));
        }

        return items;
    }

    private static DigestView DigestView(string? country, LogDigest digest) =>
        new(country, digest.Events, digest.CoveredUpTo.ToString(), digest.Sha256, $"{digest.Events}:{digest.Sha256}");

    private static string? ValidCountry(string? country)
    {
        try
        {
            return country is null ? null : VerificationScope.ForCountry(new CountryCode(country).Value).Country;
        }
        catch (Exception e) when (e is ArgumentException or DomainException)
        {
            throw new QueryException(AuditErrorCodes.ScopeInvalid, "country", e.Message);
        }
    }

    private static NpgsqlParameter Time(Instant? instant) => new()
    {
        NpgsqlDbType = NpgsqlDbType.TimestampTz,
        Value = instant is { } i ? i.ToDateTimeUtc() : DBNull.Value,
    };

    private static string EncodeCursor(AuditEventView last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{last.TxId}:{last.Position.ToString(CultureInfo.InvariantCulture)}"));

    private static LogCursor DecodeCursor(string? cursor)
    {
        if (cursor is null)
        {
            return LogCursor.Start;
        }

        try
        {
            var text = cursor.Length is > 0 and <= 200 ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)) : "";
            var parts = text.All(c => char.IsAsciiDigit(c) || c == ':') ? text.Split(':') : [];
            if (parts.Length == 2
                && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var txId)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                return new LogCursor(txId, position);
            }
        }
        catch (FormatException)
        {
        }

        throw new QueryException(LedgerErrorCodes.CursorInvalid, "cursor", "The cursor is not one this API returned.");
    }
}
