using System.Diagnostics;
using System.Text;

namespace Deploy.Prometheus.Tests.Support;

/// <summary>Runs the Tester build (Tester/TesterBuild.cs) as a real process against a scratch root.</summary>
internal sealed class TesterProcess : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public TesterProcess()
    {
        Root = Path.Combine(Path.GetTempPath(), "deploy-prometheus-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
    }

    public string Root { get; }

    public string RunRecordPath => Path.Combine(Root, ".nuke", "temp", "run.json");

    public async Task<TesterResult> RunAsync(params string[] args)
    {
        // The test host runs under the same dotnet that must run the tester; the SDK says which one.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Deploy.Prometheus.Tester.dll"));
        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(Root);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Parameters also come from the environment: keep the developer's own out of the test.
        foreach (var name in new[] { "PUSHGATEWAY_URL", "PUSHGATEWAY_JOB", "PUSHGATEWAY_LABEL", "PUSHGATEWAY_TIMEOUT", "DEPLOY_PUSHGATEWAY_URL" })
        {
            start.Environment.Remove(name);
        }

        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (error) { error.AppendLine(e.Data); } };
        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The tester did not finish within {Limit.TotalSeconds} s. Output so far: {output}");
        }

        // WaitForExitAsync also waits for the end of the redirected streams.
        return new TesterResult(process.ExitCode, output.ToString(), error.ToString(), watch.Elapsed);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

internal sealed record TesterResult(int ExitCode, string Output, string Error, TimeSpan Elapsed);
