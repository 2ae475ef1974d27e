using System.Diagnostics;

namespace Deploy.Kubernetes.Tests.Support;

/// <summary>The real kubectl, run against the emulator: the client that checks the emulator answers as an API server does.</summary>
/// <param name="cluster">The emulated cluster whose directory kubectl uses as its HOME and cache.</param>
/// <param name="kubeconfig">The kubeconfig to use; default: the cluster's own.</param>
internal sealed class Kubectl(EmulatedCluster cluster, string? kubeconfig = null)
{
    /// <summary>kubectl on PATH (or /usr/bin/kubectl); null when there is none.</summary>
    public static string? Path =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator).Append("/usr/bin")
            .Select(d => System.IO.Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);

    /// <summary>Runs kubectl with the cluster's kubeconfig; its exit code and output (stdout, then stderr).</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var program = Path ?? throw new InvalidOperationException("kubectl is not installed (CI=true): install kubectl 1.32 (apt-get install kubectl, or the kubernetes-client package).");
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments.Concat(["--kubeconfig", kubeconfig ?? cluster.Kubeconfig, "--cache-dir", System.IO.Path.Combine(cluster.Directory, "kubectl-cache"), "--request-timeout", "60s"]))
        {
            start.ArgumentList.Add(argument);
        }

        // Only what kubectl needs: no stray KUBECONFIG or proxy settings of the machine steer it elsewhere.
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/bin:/bin";
        start.Environment["HOME"] = cluster.Directory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish within 2 minutes: {await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
