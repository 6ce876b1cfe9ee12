namespace StartupFund.Cli.Tests;

public sealed class ProgressTests
{
    [Theory]
    [InlineData(0, 1_000, "exporting [..............................]   0% 0 / ~1,000 events")]
    [InlineData(500, 1_000, "exporting [###############...............]  50% 500 / ~1,000 events")]
    [InlineData(1_200, 1_000, "exporting [##############################] 100% 1,200 / ~1,000 events")]
    public void A_known_total_draws_a_bar_clamped_at_full(long count, long total, string expected) =>
        Progress.Describe("exporting", count, total).ShouldBe(expected);

    [Fact]
    public void An_unknown_total_shows_the_running_count() =>
        Progress.Describe("verifying", 12_345, null).ShouldBe("verifying: 12,345 events");
}
