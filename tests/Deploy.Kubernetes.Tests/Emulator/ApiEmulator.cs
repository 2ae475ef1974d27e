using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// A Kubernetes API server stand-in on 127.0.0.1 (Kestrel, plain HTTP) with simulated Deployment, StatefulSet and
/// DaemonSet controllers and a kubelet. The controllers run on autopilot: they take their steps only while somebody
/// watches a workload kind, so a client that follows a rollout sees every intermediate state, deterministically and
/// without sleeps. Tests can hold the deployment controller, let it give up on stuck rollouts, and hook a step to drop
/// watch connections or compact the history (410 Gone). Namespaces "default" and "apps" exist from the start.
/// </summary>
internal sealed class ApiEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ApiRequest> _requests = new();
    private readonly ConcurrentDictionary<int, Action> _hooks = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private Task _autopilot = Task.CompletedTask;

    private ApiEmulator()
    {
        State = new ClusterState();
        var kubelet = new Kubelet(State);
        Controller = new DeploymentController(State, kubelet);
        StatefulSets = new StatefulSetController(State, kubelet);
        DaemonSets = new DaemonSetController(State, kubelet);
        State.EnsureNamespace("default");
        State.EnsureNamespace("apps");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        new ApiRoutes(State, _requests.Enqueue, Wake).Map(_app);
        State.WatchersChanged += Wake;
    }

    public ClusterState State { get; }

    public DeploymentController Controller { get; }

    public StatefulSetController StatefulSets { get; }

    public DaemonSetController DaemonSets { get; }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ApiRequest> Requests => [.. _requests];

    public int Patches => _requests.Count(r => r.Method == "PATCH");

    public static async Task<ApiEmulator> StartAsync()
    {
        var emulator = new ApiEmulator();
        await emulator._app.StartAsync();
        var address = emulator._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        emulator.Url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        emulator._autopilot = Task.Run(emulator.AutopilotAsync);
        return emulator;
    }

    /// <summary>Creates a Deployment (as `kubectl create` would) that has rolled out its first revision: ReplicaSet, ready pods, conditions.</summary>
    public JsonObject AddDeployment(string name, string image, int replicas = 2, string @namespace = "apps", bool paused = false, params (string Name, string Image)[] more)
    {
        State.EnsureNamespace(@namespace);
        var deployment = Objects.Deployment(@namespace, name, replicas, [(name, image), .. more]);

        // As `kubectl create` leaves it: its fields belong to that manager.
        Fields.FieldManager.Update(null, deployment, "kubectl-create");
        State.Put("deployments", deployment);
        Controller.Settle();
        if (paused)
        {
            var settled = Deployment(name, @namespace);
            settled["spec"]!["paused"] = true;
            State.Put("deployments", settled);
        }

        return Deployment(name, @namespace);
    }

    /// <summary>Someone else's <c>kubectl set image</c> before the test's rollout, followed to wherever it gets.</summary>
    public void Roll(string name, string image, string @namespace = "apps")
    {
        var deployment = Deployment(name, @namespace);
        var container = new JsonObject { ["name"] = name, ["image"] = image };
        var patch = new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["spec"] = new JsonObject { ["containers"] = new JsonArray(container) } } } };
        Emulator.Patches.StrategicMerge(deployment, patch);
        deployment["metadata"]!["generation"] = Objects.Generation(deployment) + 1;
        State.Put("deployments", deployment);
        Controller.Settle();
    }

    /// <summary>A status write that changes nothing the rollout looks at (a new resourceVersion, a MODIFIED event).</summary>
    public void Touch(string name, string @namespace = "apps")
    {
        var deployment = Deployment(name, @namespace);
        Objects.Annotations(deployment)["touched"] = "yes";
        State.Put("deployments", deployment);
    }

    public JsonObject Deployment(string name, string @namespace = "apps") =>
        State.Get("deployments", @namespace, name) ?? throw new InvalidOperationException($"No deployment {name}.");

    public string ImageOf(string name, string container) =>
        (string)Deployment(name)["spec"]!["template"]!["spec"]!["containers"]!.AsArray().First(c => (string?)c!["name"] == container)!["image"]!;

    /// <summary>Runs <paramref name="action"/> right after the controller's step number <paramref name="step"/> (counted from the start).</summary>
    public void AfterStep(int step, Action action) => _hooks[step] = action;

    /// <summary>Runs every controller until nothing changes (setting a scene up before the test's rollout).</summary>
    public void Settle()
    {
        while (Controller.Step() || StatefulSets.Step() || DaemonSets.Step())
        {
        }
    }

    public void ReleaseObservation()
    {
        Controller.HoldObservation = false;
        Wake();
    }

    /// <summary>A kubeconfig for this emulator: one context (namespace "apps" unless told), plus an unrelated one.</summary>
    public string WriteKubeconfig(string directory, string? @namespace = "apps")
    {
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: emulator
              cluster:
                server: {Url.ToString().TrimEnd('/')}
            - name: elsewhere
              cluster:
                server: https://192.0.2.1:6443
            users:
            - name: tester
              user:
                token: not-a-secret-here
            contexts:
            - name: emulator
              context:
                cluster: emulator
                user: tester
            {(@namespace is null ? string.Empty : $"    namespace: {@namespace}")}
            - name: elsewhere
              context:
                cluster: elsewhere
                user: tester
            current-context: emulator
            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _autopilot;
        State.DropWatches();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stop.Dispose();
        _wake.Dispose();
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private async Task AutopilotAsync()
    {
        try
        {
            while (true)
            {
                await _wake.WaitAsync(_stop.Token);
                while (State.OpenWatches("deployments", "statefulsets", "daemonsets") > 0)
                {
                    if (Controller.Step())
                    {
                        if (_hooks.TryRemove(Controller.Steps, out var hook))
                        {
                            hook();
                        }
                    }
                    else if (!StatefulSets.Step() && !DaemonSets.Step())
                    {
                        break;
                    }

                    await Task.Yield();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
