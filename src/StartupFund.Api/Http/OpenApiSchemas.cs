using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;

namespace StartupFund.Api.Http;

/// <summary>The wire shapes our JSON converters give Money and NodaTime values, which the schema generator cannot see.</summary>
public static class OpenApiSchemas
{
    /// <summary>Every operation takes a bearer token (JWT); docs/security.md says which role may call what.</summary>
    public static Task AddBearerScheme(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Authorization: Bearer <token>. Locally: dotnet run --project src/StartupFund.Cli -- token --role fund_manager --country DE",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
        return Task.CompletedTask;
    }

    /// <summary>
    /// Our ProblemDetails carry more than RFC 9457's five members: the stable <c>code</c> programs read, the
    /// correlation id, the refused fields and, on a version conflict, the current version. The generator
    /// sees only the framework's type (and forbids other members), so the schema is completed here.
    /// </summary>
    public static Task DescribeProblems(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Components?.Schemas?.TryGetValue("ProblemDetails", out var found) != true || found is not OpenApiSchema problem)
        {
            return Task.CompletedTask;
        }

        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        var fieldError = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The field as the request body names it, e.g. amount.amount or tranches[1].dueDate." },
                ["code"] = text,
                ["message"] = text,
            },
            Required = new HashSet<string>(StringComparer.Ordinal) { "field", "code", "message" },
        };
        problem.AdditionalPropertiesAllowed = true;
        problem.AdditionalProperties = null;
        problem.Properties ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        problem.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable machine code (docs/api.md lists them); read this, not the message." };
        problem.Properties["correlationId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's correlation id, as in the logs and the X-Correlation-Id header." };
        problem.Properties["fieldErrors"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = fieldError, Description = "The refused fields (400, and a 422 about one input)." };
        problem.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = text },
            Description = "The same refusals as fieldErrors, as field: [messages].",
        };
        problem.Properties["currentVersion"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "On a 409 concurrency.version_mismatch: the stream's version now." };
        problem.Properties["currentETag"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "On a 409 concurrency.version_mismatch: the ETag to send in If-Match." };
        problem.Required = new HashSet<string>(StringComparer.Ordinal) { "status", "code" };
        return Task.CompletedTask;
    }

    /// <summary>Documents the headers every command accepts as header parameters.</summary>
    public static Task AddCommandHeaders(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (!string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(Header(CommandHttp.IdempotencyKeyHeader,
            "1-200 printable ASCII characters. A retry with the same key and request returns the first response and writes nothing; another request with the key is a 422 idempotency.key_reused.",
            200));
        operation.Parameters.Add(Header("If-Match", "One ETag this API returned, quoted (\"7\"), or * for any version: the command applies only at that version, else 409 concurrency.version_mismatch. "
            + "Weak (W/\"7\"), unquoted and listed ETags are 400 request.if_match_invalid.", 40));
        operation.Parameters.Add(Header(Correlation.Header, "Correlation id for logs and event metadata; one is made when absent.", 100));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The response headers a client acts on, which the generator cannot see: the ETag (the version for If-Match) and
    /// Idempotent-Replayed on commands, Location on a creation, Retry-After on 429 and 503, and a fund's 304.
    /// </summary>
    public static Task AddResponseHeaders(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (operation.Responses is not { } responses)
        {
            return Task.CompletedTask;
        }

        var command = string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase);
        var versioned = command || operation.OperationId is "GetFund" or "GetApplication";
        foreach (var (status, found) in responses)
        {
            if (found is not OpenApiResponse response)
            {
                continue;
            }

            response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            if (status is "429" or "503")
            {
                response.Headers["Retry-After"] = ResponseHeader("Seconds to wait before trying again.", JsonSchemaType.Integer);
            }
            else if (status is "200" or "201" && versioned)
            {
                response.Headers["ETag"] = ResponseHeader("The resource's version, quoted (\"7\"): send it in If-Match to make a command conditional.", JsonSchemaType.String);
            }

            if (command && status is "200" or "201")
            {
                response.Headers["Idempotent-Replayed"] = ResponseHeader("true when this is the stored first response to a repeated Idempotency-Key.", JsonSchemaType.String);
            }

            if (command && status == "201")
            {
                response.Headers["Location"] = ResponseHeader("The created resource.", JsonSchemaType.String);
            }
        }

        if (operation.OperationId == "GetFund")
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Header("If-None-Match", "ETags of versions the caller holds (weak tags match too; * matches any): 304 when one names the current version.", 400));
            responses["304"] = new OpenApiResponse { Description = "Not Modified: If-None-Match named the fund's current version." };
        }

        return Task.CompletedTask;
    }

    private static OpenApiHeader ResponseHeader(string description, JsonSchemaType type) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = type } };

    private static OpenApiParameter Header(string name, string description, int maxLength) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maxLength },
    };

    public static Task Transform(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        // A request's dates and choices travel as strings the endpoint parses, so the generator sees only "string".
        var stringField = context.JsonPropertyInfo is { PropertyType: var propertyType, Name: var name } && propertyType == typeof(string) ? name : null;
        if (type == typeof(Money))
        {
            schema.Type = JsonSchemaType.Object;
            schema.Description = "An exact amount: a decimal string with at most the currency's decimals (JPY 0, EUR 2, KWD 3), never a JSON number.";
            schema.Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["amount"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^-?[0-9]+(\\.[0-9]+)?$", MaxLength = Money.TextMaxLength },
                ["currency"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Z]{3}$", Description = "ISO 4217 code" },
            };
            schema.Required = new HashSet<string>(StringComparer.Ordinal) { "amount", "currency" };
        }
        else if (type == typeof(Instant))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "date-time";
        }
        else if (type.IsEnum)
        {
            // Our converter writes enums as camelCase strings; the generator sees neither, and left them {}.
            schema.Type = JsonSchemaType.String;
            schema.Enum = WireNames(type);
        }
        else if (stringField is not null && ChoiceFields.TryGetValue(stringField, out var choice))
        {
            schema.Enum = WireNames(choice);
        }
        else if (type == typeof(LocalDate) || stringField?.EndsWith("Date", StringComparison.Ordinal) == true)
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "date";
            schema.Description ??= "An ISO-8601 calendar date such as 2026-03-31.";
        }

        // A nullable value the generator inlined (an optional LocalDate? such as a tranche's paidOn) may be null on the wire.
        if (context.JsonPropertyInfo is not null && Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) is not null && schema.Type is { } set && schema.OneOf is not { Count: > 0 })
        {
            schema.Type = set | JsonSchemaType.Null;
        }

        return Task.CompletedTask;
    }

    /// <summary>The request fields that name an enum member, by their JSON name.</summary>
    private static readonly Dictionary<string, Type> ChoiceFields = new(StringComparer.Ordinal)
    {
        ["stage"] = typeof(Domain.Applications.Stage),
        ["instrument"] = typeof(Domain.Applications.Instrument),
        ["kind"] = typeof(Domain.Funds.SponsorKind),
    };

    private static List<JsonNode> WireNames(Type enumType) => [.. Wording.WireNames(enumType).Select(name => (JsonNode)JsonValue.Create(name)!)];
}
