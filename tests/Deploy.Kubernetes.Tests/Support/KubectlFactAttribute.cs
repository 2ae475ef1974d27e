namespace Deploy.Kubernetes.Tests.Support;

/// <summary>
/// A test that checks the emulator against the real client, kubectl. Where kubectl is missing the test is skipped
/// with the install hint, except in CI (CI=true): there a missing kubectl fails the test.
/// </summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.Path is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = Kubectl.Missing;
        }
    }
}
