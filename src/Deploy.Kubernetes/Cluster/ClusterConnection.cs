using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace Deploy.Kubernetes.Cluster;

/// <summary>
/// Where the API server is and who we are to it, resolved the way kubectl resolves it: an explicit kubeconfig, else
/// the files in <c>KUBECONFIG</c>, else <c>~/.kube/config</c>, else the pod's service account (in-cluster).
/// Every problem is one sentence naming the file or context and what to change.
/// </summary>
internal sealed class ClusterConnection
{
    private ClusterConnection(KubernetesClientConfiguration configuration, string @namespace, string description)
    {
        Configuration = configuration;
        Namespace = @namespace;
        Description = description;
    }

    public KubernetesClientConfiguration Configuration { get; }

    /// <summary>The namespace to work in: the request's, else the context's, else <c>default</c>.</summary>
    public string Namespace { get; }

    /// <summary>For messages: which context (or in-cluster) and which server.</summary>
    public string Description { get; }

    public static ClusterConnection Resolve(string? kubeconfig, string? context, string? @namespace, Func<string, string?> environment)
    {
        var files = KubeconfigFiles(kubeconfig, environment);
        if (files.Count == 0)
        {
            if (!string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST")))
            {
                return InCluster(context, @namespace);
            }

            throw new KubernetesRolloutException(
                "No Kubernetes configuration was found: set KUBECONFIG to a kubeconfig file, create ~/.kube/config, or run inside a cluster (KUBERNETES_SERVICE_HOST).");
        }

        var shown = string.Join(", ", files.Select(f => $"\"{f.FullName}\""));
        K8SConfiguration config;
        try
        {
            config = Load(files);
        }
        catch (Exception exception) when (exception is KubeConfigException or IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException or InvalidOperationException or ArgumentException)
        {
            throw new KubernetesRolloutException($"The kubeconfig {shown} could not be read: {exception.Message.TrimEnd('.')}. Fix the file or point KUBECONFIG at a valid one.", exception);
        }

        var contexts = (config.Contexts ?? []).Select(c => c.Name).Where(n => n is not null).ToList();
        var contextName = context ?? config.CurrentContext;
        var available = contexts.Count == 0 ? "it has no contexts" : "available: " + string.Join(", ", contexts.Select(c => $"\"{c}\""));
        if (string.IsNullOrEmpty(contextName))
        {
            throw new KubernetesRolloutException($"The kubeconfig {shown} has no current-context: pass --kube-context ({available}).");
        }

        if (!contexts.Contains(contextName, StringComparer.Ordinal))
        {
            throw new KubernetesRolloutException($"The context \"{contextName}\" is not in the kubeconfig {shown} ({available}): pass --kube-context with one of them.");
        }

        KubernetesClientConfiguration configuration;
        string credentials;
        try
        {
            credentials = WithoutCredentialsWhereKubectlSendsNone(config, contextName, files);
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(config, contextName);
        }
        catch (Exception exception) when (exception is KubeConfigException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or FormatException or YamlDotNet.Core.YamlException)
        {
            throw new KubernetesRolloutException($"The context \"{contextName}\" in the kubeconfig {shown} is not usable: {exception.Message.TrimEnd('.')}. Fix its cluster and user entries.", exception);
        }

        return new ClusterConnection(configuration, @namespace ?? NonEmpty(configuration.Namespace) ?? "default", $"context \"{contextName}\" at {configuration.Host}{credentials}");
    }

    /// <summary>
    /// kubectl sends no Authorization header for a user entry without credentials (<c>user: {}</c>, what
    /// <c>kubectl proxy</c> or an insecure local endpoint needs) or for a user the kubeconfig does not define;
    /// KubernetesClient refuses both ("does not have appropriate auth credentials", "User not found"). Such a
    /// context is handed to it without a user, which it accepts and connects anonymously. Returns what the
    /// messages add to the server's description: empty when the user has credentials.
    /// </summary>
    private static string WithoutCredentialsWhereKubectlSendsNone(K8SConfiguration config, string contextName, List<FileInfo> files)
    {
        var details = (config.Contexts ?? []).First(c => c.Name == contextName).ContextDetails;
        if (details is null || string.IsNullOrEmpty(details.User))
        {
            return "";
        }

        var user = details.User;
        switch (KubeconfigUsers.Find(files, user))
        {
            case KubeconfigUser.Empty:
                details.User = null;
                return $", user \"{user}\" without credentials";
            case KubeconfigUser.Missing:
                details.User = null;
                return $", user \"{user}\" not in the kubeconfig, so without credentials";
            default:
                return "";
        }
    }

    private static ClusterConnection InCluster(string? context, string? @namespace)
    {
        if (context is not null)
        {
            throw new KubernetesRolloutException($"The kube context \"{context}\" needs a kubeconfig, but none was found (running in-cluster): set KUBECONFIG or leave --kube-context out.");
        }

        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesClientConfiguration.InClusterConfig();
        }
        catch (Exception exception) when (exception is KubeConfigException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new KubernetesRolloutException($"The in-cluster configuration could not be read: {exception.Message.TrimEnd('.')}. Mount the service account token, or set KUBECONFIG.", exception);
        }

        return new ClusterConnection(configuration, @namespace ?? NonEmpty(configuration.Namespace) ?? "default", $"in-cluster at {configuration.Host}");
    }

    private static List<FileInfo> KubeconfigFiles(string? kubeconfig, Func<string, string?> environment)
    {
        if (kubeconfig is not null)
        {
            var file = new FileInfo(kubeconfig);
            if (!file.Exists)
            {
                throw new KubernetesRolloutException($"The kubeconfig file \"{file.FullName}\" does not exist: give an existing kubeconfig, or leave it out to use KUBECONFIG or ~/.kube/config.");
            }

            return [file];
        }

        var variable = environment("KUBECONFIG");
        if (!string.IsNullOrWhiteSpace(variable))
        {
            // KUBECONFIG is a list like PATH; files that do not exist are ignored, as kubectl does, unless none does.
            var listed = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var existing = listed.Select(p => new FileInfo(p)).Where(f => f.Exists).ToList();
            if (existing.Count == 0)
            {
                throw new KubernetesRolloutException($"KUBECONFIG is \"{variable}\", but no such file exists: point it at a kubeconfig file, or unset it to use ~/.kube/config.");
            }

            return existing;
        }

        // ~ is HOME of the environment given (the build's), as kubectl reads it; without one there is no ~/.kube/config.
        if (environment("HOME") is not { Length: > 0 } home)
        {
            return [];
        }

        var fallback = new FileInfo(Path.Combine(home, ".kube", "config"));
        return fallback.Exists ? [fallback] : [];
    }

    /// <summary>Loads the files and merges them as kubectl does: the first occurrence of a name wins.</summary>
    private static K8SConfiguration Load(List<FileInfo> files)
    {
        var merged = KubernetesClientConfiguration.LoadKubeConfig(files[0], useRelativePaths: true);
        foreach (var file in files.Skip(1))
        {
            var next = KubernetesClientConfiguration.LoadKubeConfig(file, useRelativePaths: true);
            merged.CurrentContext ??= next.CurrentContext;
            merged.Contexts = [.. merged.Contexts ?? [], .. (next.Contexts ?? []).Where(c => !(merged.Contexts ?? []).Any(m => m.Name == c.Name))];
            merged.Clusters = [.. merged.Clusters ?? [], .. (next.Clusters ?? []).Where(c => !(merged.Clusters ?? []).Any(m => m.Name == c.Name))];
            merged.Users = [.. merged.Users ?? [], .. (next.Users ?? []).Where(u => !(merged.Users ?? []).Any(m => m.Name == u.Name))];
        }

        return merged;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
