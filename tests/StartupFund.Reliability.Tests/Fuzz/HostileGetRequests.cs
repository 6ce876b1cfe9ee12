using System.Globalization;
using System.Text.Json;
using StartupFund.Reliability.Tests.Harness;
using StartupFund.Security;

namespace StartupFund.Reliability.Tests.Fuzz;

/// <summary>
/// Generates hostile GET requests from one seed, endpoint after endpoint in turn so each gets its share:
/// a request for real resources (<see cref="Targets"/>, generation 0) by a caller who may read them,
/// with valid values for some of its declared query parameters, and one attack on its query string, a
/// path segment, its caller or its If-None-Match. Each goes on the wire as written
/// (<see cref="ApiRequest.RawTarget"/>). The same seed gives the same requests.
/// </summary>
public sealed class HostileGetRequests(IReadOnlyList<GetEndpoint> endpoints, int seed, DateTimeOffset asOf)
{
    private const int Generation = 0;

    private static readonly string[] Statuses =
        ["submitted", "underReview", "informationRequested", "approved", "active", "fullyPaid", "withdrawn", "rejected", "offerDeclined", "cancelled"];

    /// <summary>Stand-ins when an attack on a query parameter meets an endpoint that declares none.</summary>
    private static readonly GetParameter[] Undeclared = [new("limit", "query", "integer"), new("q", "query", "string"), new("asOf", "query", "string")];

    private readonly Random random = new(seed);
    private readonly Dictionary<string, string> cursors = new(StringComparer.Ordinal);
    private int made;

    public static IReadOnlyList<string> Attacks { get; } =
    [
        "valid", "empty-value", "long-value", "escapes", "unicode", "sql-looking", "typed-value", "repeated", "unknown-parameter",
        "long-query", "many-parameters", "hostile-path", "hostile-caller", "if-none-match",
    ];

    /// <summary>How many paged endpoints gave a real cursor (<see cref="LearnCursorsAsync"/>).</summary>
    public int KnownCursors => cursors.Count;

    /// <summary>Reads a real cursor from each paged endpoint (its first page of one item, as the admin), to spoil later.</summary>
    public async Task LearnCursorsAsync(ApiClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        foreach (var endpoint in endpoints.Where(e => e.Query.Any(p => p.Name == "cursor")))
        {
            var path = PathTemplate.Fill(endpoint.Template, (name, _) => TargetsFor(name)[0]);
            var reply = await client.GetAsync(path + "?limit=1", Identities.Admin);
            if (reply.IsSuccess && reply.MediaType == "application/json")
            {
                using var json = JsonDocument.Parse(reply.Body);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("nextCursor", out var cursor)
                    && cursor.ValueKind == JsonValueKind.String)
                {
                    cursors[endpoint.Template] = cursor.GetString()!;
                }
            }
        }
    }

    public FuzzCase Next()
    {
        var number = made++;
        var endpoint = endpoints[number % endpoints.Count];
        var attack = Attacks[random.Next(Attacks.Count)];
        var draft = new Draft { Path = FillPath(endpoint, hostile: false), Caller = Pick(Targets.ReadersFor(endpoint.Template)) };
        foreach (var parameter in endpoint.Query)
        {
            if (random.Next(2) == 0 && ValidValue(endpoint, parameter) is { } value)
            {
                draft.Set(parameter.Name, value);
            }
        }

        Apply(attack, endpoint, draft);
        var request = new ApiRequest(HttpMethod.Get, draft.Path + (draft.Query.Count == 0 ? "" : "?" + string.Join('&', draft.Query)), draft.Caller)
        {
            RawTarget = true,
            ContentType = null,
            CorrelationId = $"fzg{seed.ToString(CultureInfo.InvariantCulture)}n{number.ToString(CultureInfo.InvariantCulture)}",
            Headers = draft.Headers,
        };
        return new FuzzCase(number, endpoint.Template, attack, request);
    }

    private sealed class Draft
    {
        public required string Path { get; set; }

        public TokenIdentity? Caller { get; set; }

        /// <summary>The query's parts as they go on the wire: <c>name=value</c>, or a bare <c>name</c>.</summary>
        public List<string> Query { get; } = [];

        public List<KeyValuePair<string, string>> Headers { get; } = [];

        /// <summary>Replaces every occurrence of the parameter with one; a null value sends the bare name.</summary>
        public void Set(string name, string? value)
        {
            Query.RemoveAll(part => part == name || part.StartsWith(name + "=", StringComparison.Ordinal));
            Query.Add(value is null ? name : name + "=" + value);
        }
    }

    private void Apply(string attack, GetEndpoint endpoint, Draft draft)
    {
        switch (attack)
        {
            case "valid":
                break;
            case "empty-value":
                draft.Set(Parameter(endpoint).Name, Pick(HostileQueryValues.Empty));
                break;
            case "long-value":
                draft.Set(Parameter(endpoint).Name, Pick(HostileQueryValues.LongValues));
                break;
            case "escapes":
                draft.Set(Parameter(endpoint).Name, Pick(HostileQueryValues.Escapes));
                break;
            case "unicode":
                draft.Set(Parameter(endpoint).Name, Pick(HostileQueryValues.Unicode));
                break;
            case "sql-looking":
                draft.Set(Parameter(endpoint).Name, Pick(HostileQueryValues.SqlLooking));
                break;
            case "typed-value":
                var typed = Parameter(endpoint);
                var others = cursors.Where(c => c.Key != endpoint.Template).Select(c => c.Value);
                draft.Set(typed.Name, Pick(HostileQueryValues.For(typed, HostileQueryValues.Cursors(cursors.GetValueOrDefault(endpoint.Template), others))));
                break;
            case "repeated":
                // ?limit=1&limit=2: the same parameter twice, the second time the same, another or an empty value
                var repeated = Parameter(endpoint);
                var first = ValidValue(endpoint, repeated) ?? "1";
                draft.Set(repeated.Name, first);
                draft.Query.Add(repeated.Name + "=" + Pick([first, "", "2", ValidValue(endpoint, repeated) ?? "x"]));
                break;
            case "unknown-parameter":
                draft.Query.Add(Pick(HostileQueryValues.UnknownParameters));
                break;
            case "long-query":
                // about 20,000 characters: one value, or 5,000 short parameters
                draft.Query.Add(random.Next(2) == 0 ? Parameter(endpoint).Name + "=" + new string('q', 20_000) : string.Join('&', Enumerable.Repeat("a=1", 5_000)));
                break;
            case "many-parameters":
                for (var i = 0; i < 500; i++)
                {
                    var declared = endpoint.Query.Count > 0 && random.Next(2) == 0 ? Pick(endpoint.Query) : null;
                    draft.Query.Add(declared is null
                        ? "p" + i.ToString(CultureInfo.InvariantCulture) + "=v"
                        : declared.Name + "=" + (ValidValue(endpoint, declared) ?? "v"));
                }

                break;
            case "hostile-path":
                draft.Path = FillPath(endpoint, hostile: true);
                break;
            case "hostile-caller":
                draft.Caller = Pick(Targets.Intruders);
                if (draft.Caller is null && random.Next(2) == 0)
                {
                    draft.Headers.Add(new("Authorization", Pick(["Bearer garbage", "Basic dXNlcjpwYXNz", "Bearer ", "Bearer " + new string('a', 9_000)])));
                }

                break;
            case "if-none-match":
                draft.Headers.Add(new("If-None-Match", Pick([.. HostileValues.IfMatches, "*", "\"1\""])));
                break;
            default:
                throw new InvalidOperationException("Unknown attack " + attack);
        }
    }

    private T Pick<T>(IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];

    /// <summary>One of the endpoint's query parameters, or an undeclared stand-in when it has none.</summary>
    private GetParameter Parameter(GetEndpoint endpoint) => endpoint.Query.Count > 0 ? Pick(endpoint.Query) : Pick(Undeclared);

    /// <summary>A value a valid request could carry for this parameter, or null when there is no sensible one.</summary>
    private string? ValidValue(GetEndpoint endpoint, GetParameter parameter) => parameter.Name switch
    {
        "limit" => Pick(["1", "2", "50"]),
        "country" => "DE",
        "fundId" or "fund" => Targets.FundId,
        "applicationId" => Pick(Targets.ApplicationIds(Generation)),
        "stream" => Pick(Targets.StreamIds(Generation)),
        "status" => Pick(Statuses),
        "type" => Pick(["capital-received", "application-submitted"]),
        "asOf" or "recordedTo" => asOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        "recordedFrom" => "2020-01-01T00:00:00Z",
        "actor" => Identities.Admin.Subject,
        "cursor" => cursors.TryGetValue(endpoint.Template, out var cursor) ? Uri.EscapeDataString(cursor) : null,
        "digest" => "1:" + new string('0', 64),
        _ => parameter.Type is "integer" or "number" ? "1" : null,
    };

    private string FillPath(GetEndpoint endpoint, bool hostile)
    {
        var placeholders = PathTemplate.Placeholders(endpoint.Template);
        if (hostile && placeholders.Count == 0)
        {
            return endpoint.Template + "/" + Pick(HostileValues.PathSegments);
        }

        var spoiled = hostile ? random.Next(placeholders.Count) : -1;
        return PathTemplate.Fill(endpoint.Template, (name, index) => index == spoiled ? Pick(HostilePathValues(endpoint, name)) : Pick(TargetsFor(name)));
    }

    private static IReadOnlyList<string> HostilePathValues(GetEndpoint endpoint, string name)
    {
        var type = endpoint.Parameters.FirstOrDefault(p => p.Name == name && p.In == "path")?.Type;
        return type is "integer" ? HostileValues.TrancheNumbers
            : name == "country" ? [.. HostileQueryValues.Countries, .. HostileValues.PathSegments]
            : name == "streamId" ? [.. HostileQueryValues.StreamIds, .. HostileValues.PathSegments]
            : HostileValues.PathSegments;
    }

    /// <summary>The real resources a path parameter of this name may name.</summary>
    private static IReadOnlyList<string> TargetsFor(string name) => name switch
    {
        "fundId" => [Targets.FundId, Targets.SpareFundId],
        "applicationId" => Targets.ApplicationIds(Generation),
        "country" => ["DE"],
        "streamId" => Targets.StreamIds(Generation),
        "investorId" => [Targets.InvestorId],
        "callId" => [Targets.CallId],
        "trancheNumber" => ["1", "2"],
        _ => ["fz-unknown"],
    };
}
