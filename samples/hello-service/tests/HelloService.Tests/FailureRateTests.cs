namespace HelloService.Tests;

public sealed class FailureRateTests
{
    [Theory]
    [InlineData("0.5", 10, 5)]
    [InlineData("0.25", 8, 2)]
    [InlineData("1", 4, 4)]
    [InlineData("0", 4, 0)]
    public void Exactly_the_share_of_requests_fails(string rate, int requests, int failed)
    {
        var failures = FailureRate.From(rate);

        Assert.Equal(failed, Enumerable.Range(0, requests).Count(_ => failures.NextFails()));
    }

    [Fact]
    public void Half_fails_every_second_request()
    {
        var failures = FailureRate.From("0.5");

        Assert.Equal([false, true, false, true], Enumerable.Range(0, 4).Select(_ => failures.NextFails()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Unset_fails_nothing(string? value) =>
        Assert.False(FailureRate.From(value).NextFails());

    [Theory]
    [InlineData("half")]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("50%")]
    public void A_value_that_is_not_a_share_is_refused_with_a_message_naming_it(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => FailureRate.From(value));
        Assert.Contains($"HELLO_FAILURE_RATE is '{value}'", error.Message, StringComparison.Ordinal);
    }
}
