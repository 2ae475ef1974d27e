using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// The DaemonSet controller in small steps (pkg/controller/daemon, RollingUpdate with maxSurge 0) on the emulated
/// nodes: observe a generation (its template's ControllerRevision, whose hash new pods carry in
/// <c>controller-revision-hash</c>), give every node without a pod a new one, delete old pods that are not available
/// first, then old available ones while fewer than maxUnavailable nodes are without an available pod.
/// </summary>
internal sealed class DaemonSetController(ClusterState state, Kubelet kubelet)
{
    public IReadOnlyList<string> Nodes { get; set; } = ["node-1", "node-2"];

    public int Steps { get; private set; }

    public bool Step()
    {
        lock (state.Gate)
        {
            foreach (var daemon in state.ListAll("daemonsets"))
            {
                if (Reconcile(daemon))
                {
                    Steps++;
                    return true;
                }
            }

            return false;
        }
    }

    private bool Reconcile(JsonObject daemon)
    {
        var status = daemon["status"]!.AsObject();
        var current = History.Current(state, daemon, labelPodsByHash: true);
        var hash = (string)current["metadata"]!["labels"]![History.RevisionHashLabel]!;
        if (Objects.Generation(daemon) > Objects.Number(status["observedGeneration"]))
        {
            var observed = (JsonObject)status.DeepClone();
            observed["observedGeneration"] = Objects.Generation(daemon);
            return WorkloadStatus.Update(state, "daemonsets", daemon, Compute(daemon, observed, hash));
        }

        var pods = Pods(daemon);
        foreach (var node in Nodes.Where(n => !pods.Any(p => NodeOf(p) == n)))
        {
            var labels = (JsonObject)(daemon["spec"]!["template"]!["metadata"]?["labels"]?.DeepClone() ?? new JsonObject());
            labels[History.RevisionHashLabel] = hash;
            labels["pod-template-generation"] = Objects.Generation(daemon).ToString(System.Globalization.CultureInfo.InvariantCulture);
            kubelet.Create(daemon, Objects.Name(daemon), null, daemon["spec"]!["template"]!, labels, node);
            WorkloadStatus.Update(state, "daemonsets", daemon, Compute(daemon, status, hash));
            return true;
        }

        if (pods.FirstOrDefault(p => !Kubelet.IsReady(p) && kubelet.CanAdvance(p)) is { } starting)
        {
            kubelet.Advance(starting);
            WorkloadStatus.Update(state, "daemonsets", daemon, Compute(daemon, status, hash));
            return true;
        }

        if ((string?)daemon["spec"]!["updateStrategy"]?["type"] == "RollingUpdate")
        {
            var old = pods.Where(p => (string?)Objects.Labels(p)[History.RevisionHashLabel] != hash).ToList();
            var maxUnavailable = MaxUnavailable(daemon["spec"]!["updateStrategy"]!["rollingUpdate"]?["maxUnavailable"]);
            var unavailable = Nodes.Count(n => !pods.Any(p => NodeOf(p) == n && Kubelet.IsReady(p)));
            var victim = old.FirstOrDefault(p => !Kubelet.IsReady(p)) ?? (unavailable < maxUnavailable ? old.FirstOrDefault() : null);
            if (victim is not null)
            {
                state.Delete("pods", Objects.Namespace(victim), Objects.Name(victim));
                WorkloadStatus.Update(state, "daemonsets", daemon, Compute(daemon, status, hash));
                return true;
            }
        }

        return WorkloadStatus.Update(state, "daemonsets", daemon, Compute(daemon, status, hash));
    }

    private List<JsonObject> Pods(JsonObject daemon)
    {
        var uid = (string?)daemon["metadata"]!["uid"];
        return state.List("pods", Objects.Namespace(daemon), p => p["metadata"]?["ownerReferences"]?[0]?["uid"]?.GetValue<string>() == uid);
    }

    // An int, or a percentage of the nodes rounded down (at least 1), as intstr.GetScaledValueFromIntOrPercent.
    private int MaxUnavailable(JsonNode? value) => value switch
    {
        null => 1,
        JsonValue text when text.TryGetValue<string>(out var percent) && percent.EndsWith('%') =>
            Math.Max(1, Nodes.Count * int.Parse(percent.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture) / 100),
        _ => (int)Objects.Number(value),
    };

    private static string? NodeOf(JsonObject pod) => (string?)pod["spec"]?["nodeName"];

    private JsonObject Compute(JsonObject daemon, JsonObject status, string hash)
    {
        var pods = Pods(daemon);
        var next = (JsonObject)status.DeepClone();
        var available = Nodes.Count(n => pods.Any(p => NodeOf(p) == n && Kubelet.IsReady(p)));
        next["desiredNumberScheduled"] = Nodes.Count;
        next["currentNumberScheduled"] = Nodes.Count(n => pods.Any(p => NodeOf(p) == n));
        next["numberMisscheduled"] = 0;
        next["numberReady"] = pods.Count(Kubelet.IsReady);
        next["numberAvailable"] = available;
        next["numberUnavailable"] = Nodes.Count - available;
        next["updatedNumberScheduled"] = Nodes.Count(n => pods.Any(p => NodeOf(p) == n && (string?)Objects.Labels(p)[History.RevisionHashLabel] == hash));
        return next;
    }
}
