using Microsoft.AspNetCore.Http;
using StartupFund.Web.Formatting;
using StartupFund.Web.Session;

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

    /// <summary>A form sent after the sign-in expired, given back once the user is signed in again (<see cref="FormDraft"/>).</summary>
    private readonly IReadOnlyDictionary<string, string>? draft;

    public FormValues(HttpContext? context)
    {
        if (context is null)
        {
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method))
        {
            form = context.Request.HasFormContentType ? context.Request.Form : null;
        }
        else
        {
            draft = FormDraft.Take(context, WebUser.From(context.User)?.Subject);
        }
    }

    /// <summary>A form was posted, or its draft given back: its fields fill it in again.</summary>
    public bool Posted => form is not null || draft is not null;

    public string? this[string name] => Cut(
        form is not null && form.TryGetValue(name, out var values) && values.Count > 0 ? values[0]
        : draft is not null && draft.TryGetValue(name, out var kept) ? kept
        : null);

    /// <summary>The value, or null when empty (an empty optional field is left out of the request).</summary>
    public string? Optional(string name) => string.IsNullOrWhiteSpace(this[name]) ? null : this[name]!.Trim();

    /// <summary>An amount field in the API's form (<see cref="TypedAmount"/>), or null when empty.</summary>
    public string? Amount(string name) => TypedAmount.Normalize(Optional(name));

    /// <summary>The value as typed, or null when empty (so the API reports a required field as missing).</summary>
    public string? Text(string name) => string.IsNullOrEmpty(this[name]) ? null : this[name];

    private static string? Cut(string? value) => value is { Length: > MaxLength } ? value[..MaxLength] : value;
}
