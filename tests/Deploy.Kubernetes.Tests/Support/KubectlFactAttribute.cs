namespace Deploy.Kubernetes.Tests.Support;

/// <summary>
/// A test that runs the real kubectl against the emulator. Where kubectl is missing it is skipped with the install
/// hint, except in CI (CI=true): there a missing kubectl fails the test with what to install.
/// </summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.Path is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "kubectl is not installed: install kubectl 1.32 to check the emulator against the real client";
        }
    }
}
