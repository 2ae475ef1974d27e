using Deploy.Kubernetes.Tests.Emulator;

namespace Deploy.Kubernetes.Tests.Support;

/// <summary>
/// One test's cluster: the API emulator, a kubeconfig for it in a temporary directory, a deployment "web" in
/// namespace "apps" at revision 1 (image <see cref="V1"/>, two replicas), and a log to read the rollout's lines from.
/// </summary>
internal sealed class EmulatedCluster : IAsyncDisposable
{
    public const string V1 = "registry.example/web@sha256:1111111111111111111111111111111111111111111111111111111111111111";
    public const string V2 = "registry.example/web@sha256:2222222222222222222222222222222222222222222222222222222222222222";

    /// <summary>What kubectl rollout status says, in order, while the emulator rolls the 2-replica "web" deployment out.</summary>
    public static IReadOnlyList<string> SuccessfulRolloutStatuses { get; } =
    [
        "Waiting for deployment spec update to be observed...",
        "Waiting for deployment \"web\" rollout to finish: 0 out of 2 new replicas have been updated...",
        "Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...",
        "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...",
        "deployment \"web\" successfully rolled out",
    ];

    private int _manifestSets;

    private EmulatedCluster(ApiEmulator emulator, string directory)
    {
        Emulator = emulator;
        Directory = directory;
        Kubeconfig = emulator.WriteKubeconfig(directory);
    }

    public ApiEmulator Emulator { get; }

    public string Directory { get; }

    public string Kubeconfig { get; }

    public CapturedLog Log { get; } = new();

    public static async Task<EmulatedCluster> StartAsync(bool withDeployment = true)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("deploy-k8s-").FullName;
        var cluster = new EmulatedCluster(await ApiEmulator.StartAsync(), directory);
        if (withDeployment)
        {
            cluster.Emulator.AddDeployment("web", V1);
        }

        return cluster;
    }

    public KubernetesRolloutRequest Request(string image = V2) => new()
    {
        Kubeconfig = Kubeconfig,
        Deployment = "web",
        Image = image,
        ChangeCause = "deploy: commit abc1234 (ref main)",
        TimeProvider = TimeProvider.System,

        // Every rollout here ends in well under a second; should one hang, it fails in a minute, not ten.
        Timeout = TimeSpan.FromMinutes(1),
    };

    /// <summary>Writes manifest files into a fresh directory (names in order) and a request that applies them.</summary>
    public KubernetesRolloutRequest Apply(string image, params (string File, string Yaml)[] files)
    {
        var directory = System.IO.Directory.CreateDirectory(Path.Combine(Directory, $"manifests-{++_manifestSets}")).FullName;
        foreach (var (file, yaml) in files)
        {
            File.WriteAllText(Path.Combine(directory, file), yaml);
        }

        return new KubernetesRolloutRequest
        {
            Kubeconfig = Kubeconfig,
            Image = image,
            Manifests = [Path.GetFileName(directory)],
            SourceDirectory = Directory,
            Commit = "abc1234",
            Timeout = TimeSpan.FromMinutes(1),
            TimeProvider = TimeProvider.System,
        };
    }

    public Task<KubernetesRolloutResult> RunAsync(KubernetesRolloutRequest request, CancellationToken cancellationToken = default) =>
        KubernetesRollout.RunAsync(request, Log.Logger, _ => null, cancellationToken);

    /// <summary>Runs a rollout that must fail, and returns its exception.</summary>
    public async Task<KubernetesRolloutException> FailAsync(KubernetesRolloutRequest request) =>
        await Assert.ThrowsAsync<KubernetesRolloutException>(() => RunAsync(request));

    public async ValueTask DisposeAsync()
    {

        await Emulator.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
