namespace Deploy.Git.Tests.Support;

/// <summary>
/// OpenSSH's sshd on 127.0.0.1 and a free port, with its own config, host key and authorized key (a key pair
/// generated here), started in the foreground (-D -e) and stopped on dispose. The test clones over
/// ssh://USER@127.0.0.1:PORT/path as the user running the tests.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _directory;

    private SshServer(ChildProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The private key whose public half the server authorizes.</summary>
    public string ClientKey => Path.Combine(_directory, "client");

    /// <summary>A key the server does not authorize.</summary>
    public string StrangerKey => Path.Combine(_directory, "stranger");

    /// <summary>A known_hosts file holding the server's host key.</summary>
    public string KnownHosts => Path.Combine(_directory, "known_hosts");

    public string UrlOf(Upstream upstream) => $"ssh://{Environment.UserName}@127.0.0.1:{Port}{upstream.Bare}";

    public string Log => _process.Output;

    public static async Task<SshServer> StartAsync()
    {
        var sshd = Tools.Require("sshd", "openssh-server");
        var keygen = Tools.Require("ssh-keygen", "openssh-client");
        Tools.Require("ssh", "openssh-client");
        var directory = Scratch.Directory("sshd");
        foreach (var key in new[] { "host", "client", "stranger" })
        {
            Tools.Run(keygen, directory, "-q", "-t", "ed25519", "-N", "", "-C", key, "-f", Path.Combine(directory, key));
        }

        File.Copy(Path.Combine(directory, "client.pub"), Path.Combine(directory, "authorized_keys"));
        if (Environment.UserName == "root")
        {
            // sshd run as root insists on its privilege separation directory.
            Directory.CreateDirectory("/run/sshd");
        }

        var port = FreePort.Next();
        File.WriteAllText(Path.Combine(directory, "known_hosts"), $"[127.0.0.1]:{port} {File.ReadAllText(Path.Combine(directory, "host.pub")).Trim()}\n");
        var config = Path.Combine(directory, "sshd_config");
        File.WriteAllText(config, $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {Path.Combine(directory, "host")}
            PidFile {Path.Combine(directory, "sshd.pid")}
            AuthorizedKeysFile {Path.Combine(directory, "authorized_keys")}
            StrictModes no
            UsePAM no
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            AllowTcpForwarding no
            X11Forwarding no
            PrintMotd no

            """);
        var process = ChildProcess.Start(sshd, ["-D", "-e", "-f", config]);
        var server = new SshServer(process, directory, port);
        try
        {
            await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(20), () => server.Log, () => process.HasExited);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.Zero);
        await _process.DisposeAsync();
        Scratch.Delete(_directory);
    }
}
