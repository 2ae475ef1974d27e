namespace Deploy.Kubernetes.Tests.Support;

/// <summary>The real kubectl, run against the emulator: the client that checks the emulator answers as an API server does.</summary>
/// <param name="cluster">The emulated cluster whose directory kubectl uses as its HOME and cache.</param>
/// <param name="kubeconfig">The kubeconfig to use; default: the cluster's own.</param>
internal sealed class Kubectl(EmulatedCluster cluster, string? kubeconfig = null)
{
    /// <summary>kubectl on PATH (or /usr/bin/kubectl); null when there is none.</summary>
    public static string? Path => TestEnvironment.FindProgram("kubectl", "/usr/bin/kubectl");

    /// <summary>Runs kubectl with the cluster's kubeconfig; its exit code and output (stdout, then stderr).</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var program = Path ?? throw new InvalidOperationException("kubectl is not installed (CI=true): install kubectl 1.32 (apt-get install kubectl, or the kubernetes-client package).");

        // Only what kubectl needs: no stray KUBECONFIG or proxy settings of the machine steer it elsewhere.
        var environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["HOME"] = cluster.Directory };
        var result = await TestProcess.RunAsync(
            program,
            [.. arguments, "--kubeconfig", kubeconfig ?? cluster.Kubeconfig, "--cache-dir", System.IO.Path.Combine(cluster.Directory, "kubectl-cache"), "--request-timeout", "60s"],
            baseEnvironment: environment);
        return (result.ExitCode, result.Output, result.Error);
    }
}
