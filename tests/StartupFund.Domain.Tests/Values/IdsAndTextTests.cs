using StartupFund.Domain.Common;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Tests.Values;

public class IdsAndTextTests
{
    [Theory]
    [InlineData("fund-gb-1")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("a.b_c")]
    [InlineData(".a")]
    public void Valid_ids_keep_their_value(string value) => new FundId(value).Value.ShouldBe(value);

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("é")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("...")]
    public void Invalid_ids_are_refused(string? value) =>
        ((Action)(() => _ = new ApplicationId(value!))).ShouldBeRefusedWith(ErrorCodes.IdInvalid);

    [Fact]
    public void Values_stay_valid_through_with_expressions()
    {
        ((Action)(() => _ = new FundId("ok") with { Value = "not ok" })).ShouldBeRefusedWith(ErrorCodes.IdInvalid);
        ((Action)(() => _ = Currency.Eur with { Code = "EURO" })).ShouldBeRefusedWith(ErrorCodes.CurrencyUnknown);
        ((Action)(() => _ = new CountryCode("GB") with { Value = "UK" })).ShouldBeRefusedWith(ErrorCodes.CountryUnknown);
        ((Action)(() => _ = new Ratio(1, 2) with { Denominator = 0 })).ShouldBeRefusedWith(ErrorCodes.RatioInvalid);
    }

    [Fact]
    public void Ids_are_at_most_64_characters()
    {
        new InvestorId(new string('a', Limits.IdMaxLength)).Value.Length.ShouldBe(64);
        ((Action)(() => _ = new InvestorId(new string('a', Limits.IdMaxLength + 1)))).ShouldBeRefusedWith(ErrorCodes.IdInvalid);
    }

    [Fact]
    public void Ids_of_different_kinds_with_the_same_value_are_different_types() =>
        new SponsorId("x").Equals(new InvestorId("x")).ShouldBeFalse();

    [Fact]
    public void Bounded_text_is_trimmed_required_and_limited()
    {
        BoundedText.Required("  Acme  ", Limits.NameMaxLength, "Name").ShouldBe("Acme");
        ((Action)(() => BoundedText.Required("  ", Limits.NameMaxLength, "Name"))).ShouldBeRefusedWith(ErrorCodes.TextRequired);
        ((Action)(() => BoundedText.Required(new string('x', Limits.NameMaxLength + 1), Limits.NameMaxLength, "Name")))
            .ShouldBeRefusedWith(ErrorCodes.TextTooLong);
        BoundedText.Optional(null, Limits.ReasonMaxLength, "Reason").ShouldBe(string.Empty);
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("Pilot\0signed")]
    [InlineData("\0\0\0")]
    public void Bounded_text_refuses_NUL_which_no_event_could_store(string text) =>
        ((Action)(() => BoundedText.Required(text, Limits.TextMaxLength, "Evidence"))).ShouldBeRefusedWith(ErrorCodes.TextInvalidCharacter);

    [Fact]
    public void Bounded_text_counts_characters_not_UTF16_units_after_trimming()
    {
        var rockets = string.Concat(Enumerable.Repeat("\U0001F680", Limits.NameMaxLength));
        BoundedText.Required(rockets, Limits.NameMaxLength, "Name").ShouldBe(rockets);
        BoundedText.Required(" " + new string('x', Limits.NameMaxLength) + "\n", Limits.NameMaxLength, "Name").Length.ShouldBe(Limits.NameMaxLength);
        ((Action)(() => BoundedText.Required(rockets + "x", Limits.NameMaxLength, "Name"))).ShouldBeRefusedWith(ErrorCodes.TextTooLong);
    }

    [Theory]
    [InlineData("Acme\u0007")]
    [InlineData("Acme\u001B[31m")]
    [InlineData("Acme\u0085Corp")]
    [InlineData("invoice \u202Efdp.exe")]
    [InlineData("\u2066isolated\u2069")]
    public void Bounded_text_refuses_characters_that_hide_what_is_stored(string text) =>
        ((Action)(() => BoundedText.Required(text, Limits.TextMaxLength, "Evidence"))).ShouldBeRefusedWith(ErrorCodes.TextInvalidCharacter);

    [Fact]
    public void Bounded_text_refuses_lone_surrogates()
    {
        // Built here, not in InlineData: xUnit's test-case serialisation would turn them into U+FFFD.
        foreach (var text in new[] { "half " + '\uD800' + " a pair", '\uDC00' + " low first", "ends high" + '\uD83D' })
        {
            ((Action)(() => BoundedText.Required(text, Limits.TextMaxLength, "Evidence"))).ShouldBeRefusedWith(ErrorCodes.TextInvalidCharacter);
        }
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData(" \u00AD ")]
    public void Bounded_text_with_only_invisible_characters_is_missing_or_refused(string text)
    {
        ((Action)(() => BoundedText.Required(text, Limits.NameMaxLength, "Name"))).ShouldBeRefusedWith(ErrorCodes.TextRequired);
        ((Action)(() => BoundedText.Optional(text, Limits.NameMaxLength, "Note"))).ShouldBeRefusedWith(ErrorCodes.TextInvalidCharacter);
    }

    [Theory]
    [InlineData("Line one\r\nline two\tand a tab")]
    [InlineData("\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627")]
    [InlineData("na\u0303o\u200Dx")]
    [InlineData("\u6771\u4EAC AI \u682A\u5F0F\u4F1A\u793E")]
    public void Bounded_text_keeps_line_breaks_scripts_and_joiners_inside_visible_text(string text) =>
        BoundedText.Required(text, Limits.TextMaxLength, "Summary").ShouldBe(text);

    [Fact]
    public void Ratios_are_exact_and_reduced()
    {
        var ratio = new Ratio(150, 100);
        (ratio.Numerator, ratio.Denominator).ShouldBe((3L, 2L));
        ratio.ToString().ShouldBe("3/2");
        (new Ratio(1, 3) < new Ratio(334, 1000)).ShouldBeTrue();
        new Ratio(0, 7).ShouldBe(new Ratio(0, 1));
        ((Action)(() => _ = new Ratio(1, 0))).ShouldBeRefusedWith(ErrorCodes.RatioInvalid);
        ((Action)(() => _ = new Ratio(-1, 2))).ShouldBeRefusedWith(ErrorCodes.RatioInvalid);
    }
}
