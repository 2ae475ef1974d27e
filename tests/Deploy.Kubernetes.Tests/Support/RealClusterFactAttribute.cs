namespace Deploy.Kubernetes.Tests.Support;

/// <summary>
/// A test against a real Kubernetes cluster, run only when KUBECONFIG names one. No API server can be installed on
/// the machines these tests run on, so it is skipped otherwise, in CI as well: the skip reason says exactly that.
/// </summary>
public sealed class RealClusterFactAttribute : FactAttribute
{
    public const string Reason = "needs a real cluster: set KUBECONFIG (no Kubernetes API server can be installed here)";

    public RealClusterFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("KUBECONFIG")))
        {
            Skip = Reason;
        }
    }
}
