using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Deploy.Rollout.Tests.Support;

/// <summary>
/// Another process on the host: the test service (a plain HTTP server answering <c>/healthz</c> 200), run directly
/// on <paramref name="host"/>:<paramref name="port"/>, not in a container. Killed on dispose.
/// </summary>
internal sealed class HostService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostService(Process process, IPAddress host, int port)
    {
        _process = process;
        Host = host;
        Port = port;
    }

    public IPAddress Host { get; }

    public int Port { get; }

    public int Pid => _process.Id;

    /// <summary>Starts it and waits (with a deadline) until it accepts connections.</summary>
    public static async Task<HostService> StartAsync(int port, string host = "127.0.0.1")
    {
        var start = new ProcessStartInfo(TestServiceImages.Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["VERSION"] = "intruder";
        start.Environment["MODE"] = "ok";
        start.Environment["HOST"] = host;
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The test service did not start on the host.");
        var service = new HostService(process, IPAddress.Parse(host), port);
        process.OutputDataReceived += service.Append;
        process.ErrorDataReceived += service.Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Poll.UntilAsync(service.AcceptsAsync, TimeSpan.FromSeconds(30), $"the host's test service to listen on {host}:{port}");
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task<bool> AcceptsAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The host's test service exited with {_process.ExitCode}: {Output}");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(Host, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is { } line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
