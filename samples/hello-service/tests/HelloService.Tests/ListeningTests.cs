namespace HelloService.Tests;

public sealed class ListeningTests
{
    [Fact]
    public void By_default_it_listens_on_port_8080_on_all_interfaces() =>
        Assert.Equal("http://0.0.0.0:8080", Listening.Url(_ => null));

    [Fact]
    public void PORT_and_HOST_choose_where_it_listens() =>
        Assert.Equal("http://127.0.0.1:5123", Listening.Url(name => name switch { "PORT" => "5123", "HOST" => "127.0.0.1", _ => null }));

    [Theory]
    [InlineData("http")]
    [InlineData("0")]
    [InlineData("70000")]
    public void A_PORT_that_is_not_a_port_number_is_refused_with_a_message_naming_it(string port)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Listening.Url(name => name == "PORT" ? port : null));
        Assert.Contains($"'{port}'", error.Message, StringComparison.Ordinal);
    }
}
