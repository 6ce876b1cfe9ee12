using NodaTime;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;

namespace StartupFund.Api.Http;

/// <summary>One refused field of a request body: where, which stable code, and why.</summary>
public sealed record FieldError(string Field, string Code, string Message);

/// <summary>A request body or query that failed validation: a 400 listing every field.</summary>
public sealed class RequestValidationException(IReadOnlyList<FieldError> errors)
    : Exception("The request is not valid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>Money as a request carries it: an exact decimal string and an ISO 4217 code.</summary>
public sealed record MoneyInput(string? Amount, string? Currency);

/// <summary>
/// Collects field errors while a request body is turned into domain values: each parse returns a
/// placeholder on failure so that every bad field is reported at once; <see cref="ThrowIfAny"/> ends it.
/// </summary>
public sealed class Fields
{
    private readonly List<FieldError> errors = [];

    public bool HasErrors => errors.Count > 0;

    public void Add(string field, string code, string message) => errors.Add(new FieldError(field, code, message));

    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }

    /// <summary>Runs a domain constructor/parser and records its refusal against <paramref name="field"/>.</summary>
    public T Try<T>(string field, Func<T> parse, T fallback = default!)
    {
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return parse();
        }
        catch (DomainException e)
        {
            Add(field, e.Code, e.Message);
            return fallback;
        }
    }

    /// <summary>
    /// A required id or code built by <paramref name="create"/>: left out or sent empty (as a form's untouched
    /// field is), it is "required", not the id's format rule.
    /// </summary>
    public T Required<T>(string field, string? value, Func<string, T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (string.IsNullOrEmpty(value))
        {
            Add(field, ErrorCodes.TextRequired, $"{field} is required.");
            return default!;
        }

        return Try(field, () => create(value))!;
    }

    /// <summary>Free text as the domain will keep it (<see cref="BoundedText"/>), refused here against the body's own field name.</summary>
    public string Text(string field, string? value, int maxLength) =>
        Try(field, () => BoundedText.Required(value, maxLength, field), string.Empty);

    public string? OptionalText(string field, string? value, int maxLength) =>
        value is null ? null : Text(field, value, maxLength);

    public T Required<T>(string field, T? value) where T : class
    {
        if (value is null)
        {
            Add(field, ErrorCodes.TextRequired, $"{field} is required.");
        }

        return value!;
    }

    public int Number(string field, int? value, int min, int max)
    {
        if (value is not { } number)
        {
            Add(field, ErrorCodes.TextRequired, $"{field} is required.");
            return min;
        }

        if (number < min || number > max)
        {
            Add(field, "value.out_of_range", $"{field} must be {min}..{max}.");
        }

        return number;
    }

    public Money Money(string field, MoneyInput? input)
    {
        if (input is null)
        {
            Add(field, ErrorCodes.TextRequired, $"{field} is required.");
            return default;
        }

        // Both halves are judged before giving up, so one answer names every field to mend.
        if (string.IsNullOrEmpty(input.Amount))
        {
            Add(field + ".amount", ErrorCodes.TextRequired, $"{field}.amount is required, as a decimal string like \"1250000.00\".");
        }

        if (string.IsNullOrEmpty(input.Currency))
        {
            Add(field + ".currency", ErrorCodes.TextRequired, $"{field}.currency is required, as an ISO 4217 code like \"EUR\".");
            return default;
        }

        if (!Currency.IsActive(input.Currency))
        {
            Add(field + ".currency", ErrorCodes.CurrencyUnknown, $"'{input.Currency}' is not an active ISO 4217 currency code.");
            return default;
        }

        if (string.IsNullOrEmpty(input.Amount))
        {
            return default;
        }

        return Try(field + ".amount", () => Domain.Values.Money.Parse(input.Amount, input.Currency));
    }

    public Money? OptionalMoney(string field, MoneyInput? input) => input is null ? null : Money(field, input);

    public TEnum Choice<TEnum>(string field, string? value) where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, ErrorCodes.TextRequired, $"{field} is required: one of {Wording.WireChoices<TEnum>()}.");
            return default;
        }

        if (Wording.TryParseWire<TEnum>(value, out var parsed))
        {
            return parsed;
        }

        Add(field, ErrorCodes.EnumInvalid,
            $"{field} must be one of: {Wording.WireChoices<TEnum>()}.");
        return default;
    }

    public TEnum? OptionalChoice<TEnum>(string field, string? value) where TEnum : struct, Enum =>
        value is null ? null : Choice<TEnum>(field, value);

    public LocalDate Date(string field, string? value)
    {
        if (IsoDate.TryParse(value, out var date))
        {
            return date;
        }

        if (string.IsNullOrEmpty(value))
        {
            // Left out or sent empty (a form's untouched date) is a missing value, as for any required field.
            Add(field, ErrorCodes.TextRequired, $"{field} is required: an ISO-8601 date like 2026-03-31.");
        }
        else
        {
            Add(field, ErrorCodes.DateInvalid, IsoDate.Invalid(field));
        }

        return default;
    }
}
