using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using StartupFund.Reliability.Tests.Harness;
using StartupFund.Security;

namespace StartupFund.Reliability.Tests.Fuzz;

/// <summary>One generated request: which endpoint, which attack, and the request itself.</summary>
public sealed record FuzzCase(int Number, string Endpoint, string Attack, ApiRequest Request)
{
    public override string ToString()
    {
        var body = Request.Body is null ? "(none)" : Encoding.UTF8.GetString(Request.Body.AsSpan(0, Math.Min(Request.Body.Length, 300)));
        return $"#{Number} {Attack} on {Endpoint}: {Request.Method} {(Request.Path.Length > 200 ? Request.Path[..200] + "..." : Request.Path)} "
            + $"by {Request.Caller?.Subject ?? "anonymous"}, content-type {Request.ContentType ?? "(none)"}, {Request.Headers.Count} extra headers, {Request.Body?.Length ?? 0} bytes: {body}";
    }
}

/// <summary>
/// Generates hostile requests from one seed, endpoint after endpoint in turn so each gets its share:
/// a plausible request for the endpoint (from its OpenAPI schema) with one attack applied to its
/// body, a value in it, its headers, its caller or its path. The same seed gives the same requests.
/// </summary>
public sealed partial class HostileRequests(IReadOnlyList<PostEndpoint> endpoints, int seed, FormSession? form = null)
{
    private const string Marker = "@@fuzz@@";

    private readonly Random random = new(seed);
    private int made;
    private bool formEndpoint;

    public static IReadOnlyList<string> Attacks { get; } =
    [
        "valid", "truncated", "random-bytes", "flipped-bytes", "json-syntax", "deep-nesting", "huge-array", "not-an-object", "bom",
        "utf16-body", "oversized-body", "huge-number", "hostile-amount", "unicode", "sql-looking", "wrong-type", "unknown-field",
        "missing-field", "duplicate-key", "hostile-code", "long-string", "content-type", "idempotency-key", "reused-key", "if-match",
        "huge-header", "many-headers", "bad-token", "hostile-path",
    ];

    /// <summary>Which generation of <see cref="Targets"/> the paths name (the test moves it on between batches).</summary>
    public int Generation { get; set; }

    public FuzzCase Next()
    {
        var number = made++;
        var endpoint = endpoints[number % endpoints.Count];
        formEndpoint = endpoint.IsForm;
        var attack = Attacks[random.Next(Attacks.Count)];
        var draft = new Draft
        {
            Path = FillPath(endpoint.Template, hostile: false),
            Body = endpoint.IsForm ? FormBytes(null) : SampleBytes(endpoint.SampleBody, null, null),
            Caller = endpoint.IsForm ? null : Targets.CallerFor(endpoint.Template),
            Key = "fz-" + random.NextInt64().ToString("x", CultureInfo.InvariantCulture),
        };
        if (endpoint.IsForm)
        {
            draft.ContentType = "application/x-www-form-urlencoded";
            draft.Headers.Add(new("Cookie", form?.Cookie ?? ""));
        }

        Apply(attack, endpoint, draft, number);
        var request = new ApiRequest(HttpMethod.Post, draft.Path, draft.Caller)
        {
            Body = draft.Body,
            ContentType = draft.ContentType,
            IdempotencyKey = draft.Key,
            CorrelationId = $"fz{seed.ToString(CultureInfo.InvariantCulture)}n{number.ToString(CultureInfo.InvariantCulture)}",
            Headers = draft.Headers,
        };
        return new FuzzCase(number, endpoint.Template, attack, request);
    }

    private sealed class Draft
    {
        public required string Path { get; set; }

        public required byte[] Body { get; set; }

        public string? ContentType { get; set; } = "application/json";

        public TokenIdentity? Caller { get; set; }

        public string? Key { get; set; }

        public List<KeyValuePair<string, string>> Headers { get; } = [];
    }

    private void Apply(string attack, PostEndpoint endpoint, Draft draft, int number)
    {
        var sample = draft.Body;
        switch (attack)
        {
            case "valid":
                break;
            case "truncated":
                draft.Body = sample[..random.Next(sample.Length)];
                break;
            case "random-bytes":
                draft.Body = new byte[1 + random.Next(2048)];
                random.NextBytes(draft.Body);
                break;
            case "flipped-bytes":
                draft.Body = [.. sample];
                for (var i = 1 + random.Next(3); i > 0 && draft.Body.Length > 0; i--)
                {
                    draft.Body[random.Next(draft.Body.Length)] = (byte)random.Next(256);
                }

                break;
            case "json-syntax":
                draft.Body = Pick(JsonSyntaxErrors(Encoding.UTF8.GetString(sample)));
                break;
            case "deep-nesting":
                var depth = Pick([65, 1_000, 10_000]);
                draft.Body = random.Next(2) == 0
                    ? Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth))
                    : Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
                break;
            case "huge-array":
                draft.Body = HugeArray(endpoint.SampleBody);
                break;
            case "not-an-object":
                draft.Body = Encoding.UTF8.GetBytes(Pick(["null", "[]", "\"text\"", "1", "true", "", " \n\t ", "{}", "[{}]"]));
                break;
            case "bom":
                draft.Body = [0xEF, 0xBB, 0xBF, .. sample];
                break;
            case "utf16-body":
                draft.Body = Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(sample));
                draft.ContentType = "application/json; charset=utf-16";
                break;
            case "oversized-body":
                draft.Body = WithField(endpoint.SampleBody, "pad", Encoding.UTF8.GetBytes("\"" + new string('x', Pick([66_000, 200_000])) + "\""));
                break;
            case "huge-number":
                draft.Body = ReplaceValue(endpoint.SampleBody, Pick(HostileValues.HugeNumbers), prefer: null);
                break;
            case "hostile-amount":
                draft.Body = ReplaceValue(endpoint.SampleBody, Pick(HostileValues.Amounts), prefer: ["amount", "upToPublic"]);
                break;
            case "unicode":
                draft.Body = ReplaceValue(endpoint.SampleBody, Pick(HostileValues.Unicode), prefer: null);
                break;
            case "sql-looking":
                draft.Body = ReplaceValue(endpoint.SampleBody, Pick(HostileValues.SqlLooking), prefer: null);
                break;
            case "wrong-type":
                draft.Body = ReplaceValue(endpoint.SampleBody, Pick(HostileValues.WrongTypes), prefer: null);
                break;
            case "unknown-field":
                draft.Body = WithField(endpoint.SampleBody, Pick(["Amount", "extra", "__proto__", "$type", "id\u0000"]), "1"u8.ToArray());
                break;
            case "missing-field":
                draft.Body = WithoutField(endpoint.SampleBody);
                break;
            case "duplicate-key":
                draft.Body = DuplicateKey(sample);
                break;
            case "hostile-code":
                draft.Body = ReplaceValue(endpoint.SampleBody, Pick(HostileValues.Codes),
                    prefer: ["currency", "country", "dueDate", "valueDate", "stage", "instrument", "kind", "preset", "id", "fundId", "sponsorId", "investorId", "reviewerId", "callId", "startupId"]);
                break;
            case "long-string":
                draft.Body = ReplaceValue(endpoint.SampleBody, Pick(HostileValues.LongStrings), prefer: null);
                break;
            case "content-type":
                draft.ContentType = Pick(HostileValues.ContentTypes);
                break;
            case "idempotency-key":
                draft.Key = Pick(HostileValues.IdempotencyKeys);
                break;
            case "reused-key":
                // one key per endpoint, each time with another body: the first may succeed, the rest are 422 idempotency.key_reused
                draft.Key = "fz-reused-" + (number % endpoints.Count).ToString(CultureInfo.InvariantCulture);
                break;
            case "if-match":
                draft.Headers.Add(new("If-Match", Pick(HostileValues.IfMatches)));
                break;
            case "huge-header":
                draft.Headers.Add(new(Pick(["X-Correlation-Id", "X-Fuzz-Filler", "Accept-Language"]), new string('h', Pick([300, 8_000, 40_000]))));
                break;
            case "many-headers":
                for (var i = Pick([50, 150, 400]); i > 0; i--)
                {
                    draft.Headers.Add(new("X-Fuzz-" + i.ToString(CultureInfo.InvariantCulture), "v"));
                }

                break;
            case "bad-token":
                BadToken(draft);
                break;
            case "hostile-path":
                draft.Path = FillPath(endpoint.Template, hostile: true);
                break;
            default:
                throw new InvalidOperationException("Unknown attack " + attack);
        }
    }

    private T Pick<T>(IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];

    private string NewId() => "fz-" + random.Next().ToString("x", CultureInfo.InvariantCulture);

    private string FillPath(string template, bool hostile)
    {
        var placeholders = PathTemplate.Placeholders(template).Count;
        var spoiled = hostile && placeholders > 0 ? random.Next(placeholders) : -1;
        return PathTemplate.Fill(template, (name, index) => index == spoiled
            ? Pick(name == "trancheNumber" ? HostileValues.TrancheNumbers : HostileValues.PathSegments)
            : name switch
            {
                "fundId" => template.EndsWith("/closure", StringComparison.Ordinal) ? Targets.SpareFundId : Targets.FundId,
                "callId" => Targets.CallId,
                "applicationId" => Pick(Targets.ApplicationIds(Generation)),
                "investorId" => Targets.InvestorId,
                "trancheNumber" => "1",
                _ => NewId(),
            });
    }

    /// <summary>The sample with fresh ids, and optionally one value (or a marked spot) replaced by raw bytes.</summary>
    private byte[] SampleBytes(JsonNode? sample, JsonNode? marked, byte[]? fragment)
    {
        var json = (marked ?? sample)?.ToJsonString() ?? "{}";
        while (json.Contains(PostEndpoints.NewId, StringComparison.Ordinal))
        {
            var at = json.IndexOf(PostEndpoints.NewId, StringComparison.Ordinal);
            json = json[..at] + NewId() + json[(at + PostEndpoints.NewId.Length)..];
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        if (fragment is null)
        {
            return bytes;
        }

        var quotedMarker = Encoding.UTF8.GetBytes("\"" + Marker + "\"");
        var index = bytes.AsSpan().IndexOf(quotedMarker);
        return index < 0 ? bytes : [.. bytes[..index], .. fragment, .. bytes[(index + quotedMarker.Length)..]];
    }

    /// <summary>Puts <paramref name="fragment"/> in place of one value of the sample (a preferred property's when there is one).</summary>
    private byte[] ReplaceValue(JsonNode? sample, byte[] fragment, IReadOnlyList<string>? prefer)
    {
        if (formEndpoint)
        {
            return FormBytes(random.Next(2) == 0 ? fragment : Pick(HostileValues.FormTexts));
        }

        var copy = sample?.DeepClone() as JsonObject ?? [];
        var spots = new List<(JsonNode Parent, string? Name, int Index)>();
        Collect(copy, spots);
        if (spots.Count == 0)
        {
            return WithField(sample, "value", fragment);
        }

        var preferred = prefer is null ? [] : spots.Where(s => s.Name is not null && prefer.Contains(s.Name)).ToList();
        var (parent, name, index) = preferred.Count > 0 ? preferred[random.Next(preferred.Count)] : spots[random.Next(spots.Count)];
        if (name is not null)
        {
            parent[name] = Marker;
        }
        else
        {
            parent[index] = Marker;
        }

        return SampleBytes(null, copy, fragment);
    }

    private static void Collect(JsonNode node, List<(JsonNode Parent, string? Name, int Index)> spots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    spots.Add((obj, name, -1));
                    if (child is not null)
                    {
                        Collect(child, spots);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    spots.Add((array, null, i));
                    if (array[i] is { } child)
                    {
                        Collect(child, spots);
                    }
                }

                break;
        }
    }

    private byte[] WithField(JsonNode? sample, string name, byte[] fragment)
    {
        var copy = sample?.DeepClone() as JsonObject ?? [];
        copy[name] = Marker;
        return SampleBytes(null, copy, fragment);
    }

    private byte[] WithoutField(JsonNode? sample)
    {
        var copy = sample?.DeepClone() as JsonObject ?? [];
        var spots = new List<(JsonNode Parent, string? Name, int Index)>();
        Collect(copy, spots);
        var named = spots.Where(s => s.Name is not null).ToList();
        if (named.Count > 0)
        {
            var (parent, name, _) = named[random.Next(named.Count)];
            ((JsonObject)parent).Remove(name!);
        }

        return SampleBytes(null, copy, null);
    }

    private static byte[] DuplicateKey(byte[] sample)
    {
        var json = Encoding.UTF8.GetString(sample);
        return json.Length < 2 ? sample : Encoding.UTF8.GetBytes("{\"id\":\"a\",\"id\":\"b\"," + json[1..]);
    }

    private byte[] HugeArray(JsonNode? sample)
    {
        var count = Pick([13, 200, 2_000]);
        var copy = sample?.DeepClone() as JsonObject ?? [];
        var spots = new List<(JsonNode Parent, string? Name, int Index)>();
        Collect(copy, spots);
        var arrays = spots.Where(s => s.Name is not null && s.Parent[s.Name] is JsonArray { Count: > 0 }).ToList();
        if (arrays.Count == 0)
        {
            return Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("1", count)) + "]");
        }

        var (parent, name, _) = arrays[random.Next(arrays.Count)];
        var item = ((JsonArray)parent[name!]!)[0]?.ToJsonString() ?? "null";
        var huge = "[" + string.Join(',', Enumerable.Repeat(item, count)) + "]";
        parent[name!] = Marker;
        return SampleBytes(null, copy, Encoding.UTF8.GetBytes(huge));
    }

    private static IReadOnlyList<byte[]> JsonSyntaxErrors(string json) =>
    [
        .. new[]
        {
            json + ",", json.TrimEnd('}') + ",}", "/* comment */" + json, json.Replace('"', '\''), "{\"a\":NaN}", "{\"a\":Infinity}", "{a:1}",
            json + json, json + "]", "{\"amount\":01}", "{\"x\":\"unterminated}", "{\"x\":tru}", "{,}", "{\"a\" 1}", "{\"a\":1}}", "{\"\\x\":1}",
            "{\"a\":\"\\u12\"}", "{\"a\":\"\\uZZZZ\"}", "{\"a\":\"tab\there\"}",
        }.Select(Encoding.UTF8.GetBytes),
    ];

    private void BadToken(Draft draft)
    {
        var choice = random.Next(6);
        draft.Caller = choice == 5 ? new TokenIdentity("fz-regulator", [Roles.Regulator], ["DE"]) : null;
        var header = choice switch
        {
            0 => null,
            1 => "Bearer garbage",
            2 => "Bearer " + AlgNoneToken(),
            3 => "Basic dXNlcjpwYXNz",
            4 => "Bearer " + new string('a', 9_000),
            _ => null,
        };
        if (header is not null)
        {
            draft.Headers.Add(new("Authorization", header));
        }
    }

    /// <summary>An unsigned token claiming to be an admin: must be refused like any other forgery.</summary>
    private static string AlgNoneToken()
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Part("""{"alg":"none","typ":"JWT"}""") + "."
            + Part("""{"sub":"forger","role":"admin","exp":4102444800,"iss":"startupfund-local","aud":"startupfund-api"}""") + ".";
    }
}
