using System.Text;
using Deploy.Build;
using Deploy.Docker.Pushing;
using Deploy.Docker.Tests.Support;

namespace Deploy.Docker.Tests.Pushing;

public sealed class RegistryCredentialsTests
{
    [Fact]
    public void The_parameters_win_over_the_config_file()
    {
        using var config = Config("""{"auths":{"127.0.0.1:5000":{"auth":"%AUTH%"}}}""", "file-user:file-pw");

        var credentials = RegistryCredentials.For("127.0.0.1:5000", "param-user", "param-pw", config.Path, homeDirectory: null);

        Assert.Equal("param-user", credentials.Username);
        Assert.Equal("param-pw", credentials.Password);
        Assert.Equal("--registry-username/--registry-password", credentials.ToString());
    }

    [Theory]
    [InlineData("127.0.0.1:5000")]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("https://127.0.0.1:5000/v2/")]
    public void The_config_file_s_auths_entry_for_the_registry_is_decoded(string key)
    {
        using var config = Config("""{"auths":{"other:1":{"auth":"eDp5"},"%KEY%":{"auth":"%AUTH%"}}}""".Replace("%KEY%", key, StringComparison.Ordinal), "alice:pa:ss");

        var credentials = RegistryCredentials.For("127.0.0.1:5000", null, null, config.Path, homeDirectory: null);

        Assert.Equal("alice", credentials.Username);
        Assert.Equal("pa:ss", credentials.Password);
        Assert.Contains("config.json", credentials.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("pa:ss", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_entry_means_no_credentials()
    {
        using var config = Config("""{"auths":{"elsewhere:5000":{"auth":"%AUTH%"}}}""", "a:b");

        Assert.True(RegistryCredentials.For("127.0.0.1:5000", null, null, config.Path, homeDirectory: null).IsEmpty);
    }

    [Fact]
    public void Without_a_config_directory_the_file_is_under_HOME_of_the_build_s_environment()
    {
        using var home = new ScratchContext().With(".docker/config.json", """{"auths":{"127.0.0.1:5000":{"auth":"%AUTH%"}}}""".Replace("%AUTH%", Convert.ToBase64String(Encoding.UTF8.GetBytes("carol:pw")), StringComparison.Ordinal));

        Assert.Equal("carol", RegistryCredentials.For("127.0.0.1:5000", null, null, null, home.Path).Username);
        Assert.True(RegistryCredentials.For("127.0.0.1:5000", null, null, null, homeDirectory: null).IsEmpty);
    }

    [Fact]
    public void A_username_without_a_password_is_refused_with_what_to_give()
    {
        var error = Assert.Throws<DeployException>(() => RegistryCredentials.For("r:1", "alice", null, null, null));

        Assert.Contains("--registry-password", error.Message, StringComparison.Ordinal);
    }

    private static ScratchContext Config(string json, string userAndPassword) =>
        new ScratchContext().With("config.json", json.Replace("%AUTH%", Convert.ToBase64String(Encoding.UTF8.GetBytes(userAndPassword)), StringComparison.Ordinal));
}
