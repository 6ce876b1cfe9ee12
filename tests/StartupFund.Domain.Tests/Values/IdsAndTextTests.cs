using StartupFund.Domain.Common;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Tests.Values;

public class IdsAndTextTests
{
    [Theory]
    [InlineData("fund-gb-1")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("a.b_c")]
    public void Valid_ids_keep_their_value(string value) => new FundId(value).Value.ShouldBe(value);

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("é")]
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
