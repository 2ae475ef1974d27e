using System.Diagnostics;

namespace Deploy.Kubernetes.Tests.Support;

/// <summary>Runs the real kubectl (on PATH, or /usr/bin/kubectl) with an environment of its own.</summary>
internal static class Kubectl
{
    public const string Missing = "kubectl is not installed: install it (https://kubernetes.io/docs/tasks/tools/) to check the emulator against the real client";

    public static string? Path =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(directory => System.IO.Path.Combine(directory, "kubectl"))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs kubectl in <paramref name="home"/> (its HOME, so no cache or config of the machine's is used) and returns its output; throws with its errors when it fails.</summary>
    public static async Task<string> RunAsync(string home, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(Missing))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("KUBECONFIG");
        start.Environment["HOME"] = home;
        using var kubectl = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = kubectl.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = kubectl.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await kubectl.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            kubectl.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish within a minute.");
        }

        if (kubectl.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl {string.Join(' ', arguments)} exited with {kubectl.ExitCode}: {await errors}{await output}");
        }

        return await output;
    }
}
