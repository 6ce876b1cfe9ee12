using System.Text.Json;

namespace StartupFund.Web.Api;

/// <summary>One refused field as the API names it (<c>fieldErrors[]</c> of its ProblemDetails).</summary>
public sealed record ApiFieldError(string Field, string Code, string Message);

/// <summary>A refusal of the API: its status, stable code, message and the fields it blames.</summary>
public sealed record ApiProblem(int Status, string Code, string Message, IReadOnlyList<ApiFieldError> FieldErrors)
{
    public static ApiProblem Parse(int status, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var code = Text(root, "code") ?? $"http.{status}";
            var message = Text(root, "detail") ?? Text(root, "title") ?? code;
            var fields = new List<ApiFieldError>();
            if (root.TryGetProperty("fieldErrors", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    fields.Add(new ApiFieldError(Text(item, "field") ?? string.Empty, Text(item, "code") ?? code, Text(item, "message") ?? message));
                }
            }

            return new ApiProblem(status, code, message, fields);
        }
        catch (JsonException)
        {
            return new ApiProblem(status, $"http.{status}", body.Length > 200 ? body[..200] : body, []);
        }
    }

    /// <summary>
    /// The errors of one form field, including those of its parts (<c>requested</c> has <c>requested.amount</c>);
    /// an amount's input (<c>amount.amount</c>) also shows the errors of its money (<c>amount</c>: more than is
    /// outstanding, below the minimum ticket), the one input the money has on a form.
    /// </summary>
    public IEnumerable<ApiFieldError> For(string field) => FieldErrors.Where(e =>
        e.Field.Equals(field, StringComparison.OrdinalIgnoreCase)
        || e.Field.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase)
        || (field.EndsWith(".amount", StringComparison.Ordinal) && e.Field.Equals(field[..^".amount".Length], StringComparison.OrdinalIgnoreCase)));

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>What an API call gave: a value, or a problem (never both).</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;
}
