namespace StartupFund.Cli.Tests;

public sealed class CountedTests
{
    [Theory]
    [InlineData(0, "0 events")]
    [InlineData(1, "1 event")]
    [InlineData(2, "2 events")]
    [InlineData(1_204, "1,204 events")]
    public void One_is_singular_and_every_other_count_plural(long count, string expected) =>
        Counted.Of(count, "event").ShouldBe(expected);

    [Theory]
    [InlineData(1, "1 country")]
    [InlineData(4, "4 countries")]
    public void An_irregular_plural_is_given(long count, string expected) =>
        Counted.Of(count, "country", "countries").ShouldBe(expected);

    [Fact]
    public void A_running_count_of_one_says_one_event() =>
        Progress.Describe("verifying", 1, null).ShouldBe("verifying: 1 event");
}
