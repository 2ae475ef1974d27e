using Deploy.Build;
using Deploy.Docker.Building;

namespace Deploy.Docker.Tests.Building;

public sealed class ImageNamesTests
{
    [Theory]
    [InlineData("hello-service")]
    [InlineData("team/hello_service.v2")]
    public void Valid_names_pass(string name) => Assert.Equal(name, ImageNames.Name(name));

    [Theory]
    [InlineData("Hello")]
    [InlineData("hello service")]
    [InlineData("-hello")]
    [InlineData("hello/")]
    public void Invalid_names_are_refused_quoting_the_value(string name)
    {
        var error = Assert.Throws<DeployException>(() => ImageNames.Name(name));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--image-name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://registry.example.com")]
    [InlineData("registry.example.com/path")]
    [InlineData("")]
    public void A_registry_with_a_scheme_or_path_is_refused(string registry) =>
        Assert.Contains("--registry", Assert.Throws<DeployException>(() => ImageNames.Registry(registry)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("127.0.0.1:5000")]
    [InlineData("registry.example.com")]
    [InlineData("localhost:5000")]
    public void Hosts_with_and_without_ports_are_registries(string registry) => Assert.Equal(registry, ImageNames.Registry(registry));

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef01234567", "0123456")]
    [InlineData("ABCDEF0123", "abcdef0")]
    [InlineData(null, "dev")]
    [InlineData("feature/x", "feature-x")]
    public void The_version_tag_is_the_short_commit_or_dev(string? revision, string tag) =>
        Assert.Equal(tag, ImageRequest.ShortRevision(revision));

    [Theory]
    [InlineData("HelloService", "helloservice")]
    [InlineData("hello-service", "hello-service")]
    [InlineData("My Service (v2)", "my-service-v2")]
    [InlineData("a +=b", "a-b")]
    [InlineData("_.svc._", "svc")]
    [InlineData("--x--", "x")]
    [InlineData("a.b_c", "a.b_c")]
    [InlineData("Ünïcode", "n-code")]
    [InlineData("***", "service")]
    [InlineData("", "service")]
    public void A_default_name_is_the_service_name_lowered_with_each_run_of_other_characters_one_dash(string service, string name)
    {
        Assert.Equal(name, ImageNames.FromServiceName(service));
        Assert.Null(ImageNames.NameProblem(name));
    }

    [Fact]
    public void Build_args_are_key_equals_value()
    {
        Assert.Equal("a=b", ImageNames.BuildArgs(["X=a=b"])["X"]);
        Assert.Contains("KEY=VALUE", Assert.Throws<DeployException>(() => ImageNames.BuildArgs(["novalue"])).Message, StringComparison.Ordinal);
    }
}
