using Deploy.Build;

namespace Deploy.GitHub.Workflows;

/// <summary>
/// How the deploying job reaches a Kubernetes cluster: the repository (or environment) secret <c>KUBECONFIG</c>, a
/// kubeconfig file's content, written to a file in <c>$RUNNER_TEMP</c> that only the job's user can read (mode 600),
/// <c>KUBECONFIG</c> pointed at it for the later steps, and the file removed when the job ends however it ends.
/// The generator knows no component, so it recognises the stock Rollout by its parameters: a build with
/// <c>--rollout-target</c> and <c>--kubeconfig</c> can deploy to Kubernetes; when its rollout target resolves to
/// <c>kubernetes</c>, a missing secret fails the step with what to add, otherwise the step does nothing without it.
/// </summary>
/// <param name="Required">Whether the build deploys to Kubernetes (so the secret must be there).</param>
internal sealed record KubeconfigStep(bool Required)
{
    /// <summary>The secret holding the kubeconfig file's content.</summary>
    public const string Secret = "KUBECONFIG";

    private const string Script = """
        if [ -z "$KUBECONFIG_CONTENT" ]; then
          {missing}
        fi
        umask 077
        printf '%s\n' "$KUBECONFIG_CONTENT" > "$RUNNER_TEMP/kubeconfig"
        chmod 600 "$RUNNER_TEMP/kubeconfig"
        echo "KUBECONFIG=$RUNNER_TEMP/kubeconfig" >> "$GITHUB_ENV"
        """;

    public static KubeconfigStep? For(BuildDescription build) =>
        build.FindParameter("rollout-target") is { } target && build.FindParameter("kubeconfig") is not null
            ? new KubeconfigStep(string.Equals(target.Value?.ToString(), "kubernetes", StringComparison.OrdinalIgnoreCase))
            : null;

    /// <summary>The step before the build's: the secret as a file, named by KUBECONFIG.</summary>
    public void Write(YamlWriter yaml)
    {
        var missing = Required
            ? $"echo \"::error::The {Secret} secret is empty or missing: add the kubeconfig file's content as a repository secret (or a secret of the job's environment) named {Secret}.\"\n  exit 1"
            : $"echo \"No {Secret} secret: a rollout to Kubernetes would find no cluster (add the kubeconfig file's content as a secret named {Secret}).\"\n  exit 0";
        yaml.BeginMap().Pair("name", "Kubeconfig from the KUBECONFIG secret")
            .Comment("The secret is the kubeconfig file's content; the file is readable by the job's user only (mode 600).")
            .Key("env").BeginMap().Pair("KUBECONFIG_CONTENT", $"${{{{ secrets.{Secret} }}}}").EndMap()
            .Literal("run", Script.Replace("{missing}", missing, StringComparison.Ordinal) + "\n")
            .EndMap();
    }

    /// <summary>The step after the build's, run even when it failed: the file goes.</summary>
    public static void WriteCleanup(YamlWriter yaml) =>
        yaml.BeginMap().Pair("name", "Remove the kubeconfig").Pair("if", "${{ always() }}").Pair("run", "rm -f \"$RUNNER_TEMP/kubeconfig\"").EndMap();
}
