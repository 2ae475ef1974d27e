using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// A deployment controller and kubelet in small steps, each one change that a watch sees, in the order Kubernetes
/// makes them: observe a new generation (new ReplicaSet with the next revision, or an old one re-used with its
/// revision bumped), scale the new ReplicaSet up by one (maxSurge 1), let a pod move on (by its image's
/// <see cref="PodFate"/>), scale an old ReplicaSet down when that keeps enough available (maxUnavailable 0), and
/// set the Progressing condition (NewReplicaSetAvailable, or ProgressDeadlineExceeded when stuck and allowed to).
/// </summary>
internal sealed partial class DeploymentController
{
    private readonly ClusterState _state;
    private readonly Kubelet _kubelet;

    public DeploymentController(ClusterState state, Kubelet kubelet)
    {
        _state = state;
        _kubelet = kubelet;
    }

    /// <summary>While true, no new generation is observed (a slow controller).</summary>
    public bool HoldObservation { get; set; }

    /// <summary>Whether a rollout that cannot progress gets ProgressDeadlineExceeded (else it just stays stuck).</summary>
    public bool DeadlineWhenStuck { get; set; }

    /// <summary>Steps taken so far.</summary>
    public int Steps { get; private set; }

    /// <summary>What the pods running <paramref name="image"/> do (only those of <paramref name="workload"/> when given), for every controller.</summary>
    public void SetFate(string image, PodFate fate, string? workload = null) => _kubelet.SetFate(image, fate, workload);

    /// <summary>Makes one change, if any is due; false when everything is settled (or stuck, or held).</summary>
    public bool Step()
    {
        lock (_state.Gate)
        {
            foreach (var deployment in _state.ListAll("deployments"))
            {
                if (Reconcile(deployment))
                {
                    Steps++;
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Steps until nothing changes.</summary>
    public void Settle()
    {
        while (Step())
        {
        }
    }

    private bool Reconcile(JsonObject deployment)
    {
        var ns = Objects.Namespace(deployment);
        var replicaSets = OwnedReplicaSets(deployment);
        if (Objects.Generation(deployment) > Objects.Number(deployment["status"]?["observedGeneration"]))
        {
            return !HoldObservation && Observe(deployment, replicaSets);
        }

        var template = deployment["spec"]!["template"];
        var current = replicaSets.FirstOrDefault(rs => Objects.SameTemplate(rs["spec"]!["template"], template));
        if (current is null || deployment["spec"]?["paused"]?.GetValue<bool>() == true)
        {
            return false;
        }

        var desired = (int)Objects.Number(deployment["spec"]!["replicas"]);
        var pods = replicaSets.ToDictionary(Objects.Name, rs => PodsOf(rs));
        var newPods = pods[Objects.Name(current)];
        var oldPods = replicaSets.Where(rs => rs != current).SelectMany(rs => pods[Objects.Name(rs)]).ToList();
        var available = pods.Values.SelectMany(p => p).Count(IsReady);

        // Scale down: unready old pods go first; a ready one only while the rest keep `desired` available.
        var victim = oldPods.FirstOrDefault(p => !IsReady(p)) ?? (available > desired ? oldPods.FirstOrDefault() : null);
        if (victim is not null)
        {
            RemovePod(deployment, replicaSets, victim);
            return true;
        }

        if (newPods.Count < desired && newPods.Count + oldPods.Count < desired + 1)
        {
            AddPod(deployment, current);
            return true;
        }

        if (newPods.FirstOrDefault(CanAdvance) is { } pod)
        {
            Advance(pod);
            UpdateStatus(deployment, replicaSets);
            return true;
        }

        var complete = newPods.Count == desired && oldPods.Count == 0 && newPods.All(IsReady);
        var reason = (string?)Condition(deployment, "Progressing")?["reason"];
        if (complete && reason != "NewReplicaSetAvailable")
        {
            SetCondition(deployment, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{Objects.Name(current)}\" has successfully progressed.");
            UpdateStatus(deployment, replicaSets);
            return true;
        }

        if (!complete && DeadlineWhenStuck && reason != "ProgressDeadlineExceeded")
        {
            SetCondition(deployment, "Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{Objects.Name(current)}\" has timed out progressing.");
            UpdateStatus(deployment, replicaSets);
            return true;
        }

        return false;
    }

    private bool Observe(JsonObject deployment, List<JsonObject> replicaSets)
    {
        var template = deployment["spec"]!["template"]!;
        var revision = replicaSets.Select(rs => Objects.RevisionOf(rs) ?? 0).DefaultIfEmpty(0).Max() + 1;
        var current = replicaSets.FirstOrDefault(rs => Objects.SameTemplate(rs["spec"]!["template"], template));
        if (current is null)
        {
            current = NewReplicaSet(deployment, template);
            replicaSets.Add(current);
        }
        else if (Objects.RevisionOf(current) == revision - 1)
        {
            revision--;
        }

        // The new ReplicaSet carries the deployment's annotations (change-cause included) and the new revision.
        var annotations = Objects.Annotations(current);
        foreach (var (key, value) in Objects.Annotations(deployment))
        {
            if (!key.StartsWith("deployment.kubernetes.io/", StringComparison.Ordinal))
            {
                annotations[key] = value?.DeepClone();
            }
        }

        annotations[Objects.Revision] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        annotations["deployment.kubernetes.io/desired-replicas"] = ((int)Objects.Number(deployment["spec"]!["replicas"])).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _state.Put("replicasets", current);
        Objects.Annotations(deployment)[Objects.Revision] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        deployment["status"]!["observedGeneration"] = Objects.Generation(deployment);
        SetCondition(deployment, "Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{Objects.Name(current)}\" is progressing.");
        UpdateStatus(deployment, OwnedReplicaSets(deployment));
        return true;
    }

    private static JsonObject NewReplicaSet(JsonObject deployment, JsonNode template)
    {
        var hash = Objects.TemplateHash(template);
        var podTemplate = template.DeepClone().AsObject();
        Objects.Labels(podTemplate)[Objects.Hash] = hash;
        var selector = deployment["spec"]!["selector"]!.DeepClone();
        selector["matchLabels"]![Objects.Hash] = hash;
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{Objects.Name(deployment)}-{hash}",
                ["namespace"] = Objects.Namespace(deployment),
                ["uid"] = Guid.NewGuid().ToString(),
                ["labels"] = Objects.Labels(podTemplate).DeepClone(),
                ["annotations"] = new JsonObject(),
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "apps/v1",
                    ["kind"] = "Deployment",
                    ["name"] = Objects.Name(deployment),
                    ["uid"] = deployment["metadata"]!["uid"]!.DeepClone(),
                    ["controller"] = true,
                }),
            },
            ["spec"] = new JsonObject { ["replicas"] = 0, ["selector"] = selector, ["template"] = podTemplate },
            ["status"] = new JsonObject { ["replicas"] = 0 },
        };
    }

    private List<JsonObject> OwnedReplicaSets(JsonObject deployment)
    {
        var uid = (string?)deployment["metadata"]!["uid"];
        return _state.List("replicasets", Objects.Namespace(deployment),
            rs => rs["metadata"]?["ownerReferences"]?.AsArray().Any(o => (string?)o?["uid"] == uid) == true);
    }

    private static JsonObject? Condition(JsonObject deployment, string type) =>
        deployment["status"]?["conditions"]?.AsArray().OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    private static void SetCondition(JsonObject deployment, string type, string status, string reason, string message)
    {
        var statusNode = deployment["status"]!.AsObject();
        if (statusNode["conditions"] is not JsonArray conditions)
        {
            conditions = [];
            statusNode["conditions"] = conditions;
        }

        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
        existing?.Parent?.AsArray().Remove(existing);
        conditions.Add(new JsonObject { ["type"] = type, ["status"] = status, ["reason"] = reason, ["message"] = message });
    }
}
