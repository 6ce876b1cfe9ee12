using Microsoft.AspNetCore.Http;

namespace StartupFund.Web.Components.Parts;

/// <summary>
/// The posted form, read by the API's own field names (<c>requested.amount</c>, <c>tranches[0].dueDate</c>),
/// so a refused form comes back filled in and each API error lands beside the input it names.
/// </summary>
public sealed class FormValues
{
    /// <summary>Longest value we keep from a field; the API refuses longer text with its own code anyway.</summary>
    private const int MaxLength = 20_000;

    private readonly IFormCollection? form;

    public FormValues(HttpContext? context) =>
        form = context is not null && HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType ? context.Request.Form : null;

    public bool Posted => form is not null;

    public string? this[string name] =>
        form is not null && form.TryGetValue(name, out var values) && values.Count > 0 && values[0] is { } value
            ? value.Length > MaxLength ? value[..MaxLength] : value
            : null;

    /// <summary>The value, or null when empty (an empty optional field is left out of the request).</summary>
    public string? Optional(string name) => string.IsNullOrWhiteSpace(this[name]) ? null : this[name]!.Trim();

    /// <summary>The value as typed, or null when empty (so the API reports a required field as missing).</summary>
    public string? Text(string name) => string.IsNullOrEmpty(this[name]) ? null : this[name];
}
