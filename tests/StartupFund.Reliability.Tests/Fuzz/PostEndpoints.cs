using System.Text.Json;
using System.Text.Json.Nodes;
using StartupFund.Reliability.Tests.Harness;

namespace StartupFund.Reliability.Tests.Fuzz;

/// <summary>
/// A POST endpoint: a JSON command described by the OpenAPI document, with a plausible body built from
/// its schema, or a form post of the web app (<see cref="IsForm"/>), found only in the endpoint list.
/// </summary>
public sealed record PostEndpoint(string Template, JsonNode? SampleBody, bool IsForm = false);

/// <summary>
/// Every POST endpoint of the API, read from the OpenAPI document the running process serves, so an
/// endpoint added later is fuzzed without anyone remembering to list it. The sample body follows the
/// schema, with values by property name that a valid request would carry (so mutations of it reach
/// the domain's checks, not only the JSON reader's).
/// </summary>
public static class PostEndpoints
{
    /// <summary>Stands for a fresh id in a sample body; the generator replaces it.</summary>
    public const string NewId = "@new-id@";

    private static readonly Dictionary<string, JsonNode> ValuesByName = new(StringComparer.Ordinal)
    {
        ["id"] = NewId,
        ["callId"] = NewId,
        ["country"] = "DE",
        ["currency"] = "EUR",
        ["amount"] = "10.00",
        ["upToPublic"] = "1000.00",
        ["kind"] = "government",
        ["stage"] = "seed",
        ["instrument"] = "equity",
        ["preset"] = "none",
        ["fundId"] = Targets.FundId,
        ["sponsorId"] = "gov",
        ["investorId"] = Targets.InvestorId,
        ["startupId"] = Targets.StartupId,
        ["reviewerId"] = NewId,
        ["dueDate"] = Dates.InDays(180),
        ["valueDate"] = Dates.InDays(0),
        ["score"] = 3,
        ["publicParts"] = 1,
        ["privateParts"] = 1,
        ["numerator"] = 1,
        ["denominator"] = 2,
        ["minimumReviewerScores"] = 0,
    };

    public static IReadOnlyList<PostEndpoint> From(string openApiJson)
    {
        using var document = JsonDocument.Parse(openApiJson);
        var root = document.RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");
        var endpoints = new List<PostEndpoint>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("post", out var post))
            {
                continue;
            }

            JsonNode? sample = null;
            if (post.TryGetProperty("requestBody", out var body)
                && body.GetProperty("content").TryGetProperty("application/json", out var json)
                && json.TryGetProperty("schema", out var schema))
            {
                sample = Sample(schema, schemas, propertyName: null, depth: 0);
            }

            endpoints.Add(new PostEndpoint(path.Name, sample));
        }

        return endpoints;
    }

    private static JsonNode? Sample(JsonElement schema, JsonElement schemas, string? propertyName, int depth)
    {
        if (depth > 8)
        {
            return null;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return Sample(schemas.GetProperty(name), schemas, propertyName, depth + 1);
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                var option = options.EnumerateArray().FirstOrDefault(o => TypeOf(o) != "null");
                return option.ValueKind == JsonValueKind.Undefined ? null : Sample(option, schemas, propertyName, depth + 1);
            }
        }

        if (propertyName is not null && ValuesByName.TryGetValue(propertyName, out var known) && TypeOf(schema) is not "object" and not "array")
        {
            return known.DeepClone();
        }

        switch (TypeOf(schema))
        {
            case "object":
                var result = new JsonObject();
                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        result[property.Name] = Sample(property.Value, schemas, property.Name, depth + 1);
                    }
                }

                return result;
            case "array":
                return schema.TryGetProperty("items", out var items) ? new JsonArray(Sample(items, schemas, propertyName, depth + 1)) : new JsonArray();
            case "integer" or "number":
                return 1;
            case "boolean":
                return true;
            default:
                return "Fuzzed text";
        }
    }

    /// <summary>The schema's type, the first that is not "null" when it lists several (OpenAPI 3.1).</summary>
    internal static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();
    }
}
